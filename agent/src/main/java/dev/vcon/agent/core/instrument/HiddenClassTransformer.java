package dev.vcon.agent.core.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * What {@code HiddenClasses} hands a hidden class's bytes to (a lambda's, a method reference's, or
 * one a host defines itself): names the class from its bytes, which the JDK's hook points do not
 * pass, and lets the {@link ChainTransformer} weave it like any other class.
 */
final class HiddenClassTransformer implements ClassFileTransformer {

  private final ChainTransformer chain;

  HiddenClassTransformer(ChainTransformer chain) {
    this.chain = chain;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (loader == null || classFile == null || chain.isAgentLoader(loader)) {
      return null;
    }
    String name = className != null ? className : new ClassReader(classFile).getClassName();
    return chain.transform(module, loader, name, null, protectionDomain, classFile);
  }
}
