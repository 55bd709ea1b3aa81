package dev.vcon.agent.core.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** Patches the running JDK's own class files (read, never defined here). */
class JdkDefinePatchTest {

  private final JdkDefinePatch patch = new JdkDefinePatch();

  @Test
  void theLambdaFactoryGetsTheHookAtTheOnePlaceItMakesClassBytes() throws IOException {
    byte[] original = jdkClass(JdkDefinePatch.LAMBDA_FACTORY);

    byte[] patched = patch.transform(null, JdkDefinePatch.LAMBDA_FACTORY, null, null, original);

    assertThat(patched).isNotNull().isNotEqualTo(original);
    assertThat(patch.sites(JdkDefinePatch.LAMBDA_FACTORY)).isEqualTo(1);
  }

  @Test
  void bothPublicHiddenClassDefinersGetTheHookAtEntry() throws IOException {
    byte[] patched =
        patch.transform(null, JdkDefinePatch.LOOKUP, null, null, jdkClass(JdkDefinePatch.LOOKUP));

    assertThat(patched).isNotNull();
    assertThat(patch.sites(JdkDefinePatch.LOOKUP)).isEqualTo(2);
  }

  @Test
  void codeOfAnotherShapeIsLeftAsItIs() throws IOException {
    byte[] notTheFactory = jdkClass("java/lang/invoke/LambdaMetafactory");

    assertThat(patch.transform(null, JdkDefinePatch.LAMBDA_FACTORY, null, null, notTheFactory))
        .isNull();
    assertThat(patch.sites(JdkDefinePatch.LAMBDA_FACTORY)).isZero();
  }

  @Test
  void otherClassesAndOtherLoadersAreNotTouched() throws IOException {
    byte[] factory = jdkClass(JdkDefinePatch.LAMBDA_FACTORY);

    assertThat(patch.transform(null, "java/lang/String", null, null, factory)).isNull();
    assertThat(
            patch.transform(
                getClass().getClassLoader(), JdkDefinePatch.LAMBDA_FACTORY, null, null, factory))
        .isNull();
  }

  @Test
  void aDisabledClassIsLeftAsTheJdkMadeIt() throws IOException {
    patch.disable(JdkDefinePatch.LAMBDA_FACTORY);

    assertThat(
            patch.transform(
                null,
                JdkDefinePatch.LAMBDA_FACTORY,
                null,
                null,
                jdkClass(JdkDefinePatch.LAMBDA_FACTORY)))
        .isNull();
  }

  private static byte[] jdkClass(String internalName) throws IOException {
    try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
      return in.readAllBytes();
    }
  }
}
