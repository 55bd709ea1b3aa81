package dev.vcon.agent.core.expr;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The agent's classes live in their own class loader, so the host's classes are in another
 * (unnamed) module; private and package-private members must still be readable. JDK members in
 * packages that are not open must fail soft.
 */
class CrossLoaderAccessTest {

  private final List<String> problems = new ArrayList<>();

  /** Defines IsolatedFixture again, so it is a different class in a different unnamed module. */
  static final class IsolatingLoader extends ClassLoader {
    IsolatingLoader() {
      super(null);
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (!name.equals(IsolatedFixture.class.getName())) {
        throw new ClassNotFoundException(name);
      }
      String resource = name.replace('.', '/') + ".class";
      try (InputStream in =
          CrossLoaderAccessTest.class.getClassLoader().getResourceAsStream(resource)) {
        byte[] bytes = in.readAllBytes();
        return defineClass(name, bytes, 0, bytes.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }

  @Test
  void privateAndPackagePrivateMembersOfAnotherLoadersClassAreRead() throws Exception {
    Class<?> foreign = new IsolatingLoader().loadClass(IsolatedFixture.class.getName());
    assertThat(foreign).isNotSameAs(IsolatedFixture.class);
    assertThat(foreign.getModule()).isNotEqualTo(IsolatedFixture.class.getModule());
    var constructor = foreign.getDeclaredConstructor();
    constructor.setAccessible(true);
    Object instance = constructor.newInstance();

    assertThat(Expression.parse("this.secret").bind(problems::add).evaluate(instance, null))
        .isEqualTo("hidden");
    assertThat(Expression.parse("this.label").bind(problems::add).evaluate(instance, null))
        .isEqualTo("package-private getter");
    assertThat(problems).isEmpty();
  }

  @Test
  void encapsulatedJdkFieldYieldsNullAndReportsOnceInsteadOfThrowing() {
    BoundExpression e = Expression.parse("this.value").bind(problems::add);
    assertThat(e.evaluate(Optional.of("x"), null)).isNull();
    assertThat(e.evaluate(Optional.of("y"), null)).isNull();
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("step 'value'", "java.util.Optional");
  }
}
