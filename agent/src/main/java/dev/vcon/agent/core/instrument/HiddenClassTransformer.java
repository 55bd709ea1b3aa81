package dev.vcon.agent.core.instrument;

import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.function.Consumer;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * What {@code HiddenClasses} hands a hidden class's bytes to (a lambda's, a method reference's, or
 * one a host defines itself): names the class from its bytes, which the JDK's hook points do not
 * pass, and lets the {@link ChainTransformer} weave it like any other class. A hidden class of a
 * named module is given the read edge to the bridge that the JVM gives classes transformed the
 * usual way.
 */
final class HiddenClassTransformer implements ClassFileTransformer {

  private final ChainTransformer chain;
  private final Consumer<Module> moduleReads;

  HiddenClassTransformer(ChainTransformer chain, Consumer<Module> moduleReads) {
    this.chain = chain;
    this.moduleReads = moduleReads;
  }

  @Override
  public byte[] transform(
      Module module,
      ClassLoader loader,
      String className,
      Class<?> classBeingRedefined,
      ProtectionDomain protectionDomain,
      byte[] classFile) {
    if (loader == null
        || classFile == null
        || chain.isAgentLoader(loader)
        // before parsing the class for its name: most of a host's lambdas are passed over here
        || !chain.mayDeclareSelectedMethod(classFile)) {
      return null;
    }
    String name = className != null ? className : new ClassReader(classFile).getClassName();
    byte[] woven = chain.transform(loader, name, null, protectionDomain, classFile);
    if (woven != null && module != null && module.isNamed()) {
      moduleReads.accept(module); // if it throws, the class is defined as it came
    }
    return woven;
  }
}
