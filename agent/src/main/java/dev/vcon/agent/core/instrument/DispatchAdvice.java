package dev.vcon.agent.core.instrument;

import dev.vcon.agent.bridge.Dispatchers;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/**
 * The advice woven into every chain-run, link and storage method. It is copied into the host class,
 * so it may only reference the boot-loaded bridge and the JDK; all the work happens behind {@link
 * Dispatchers}. Both halves suppress their own throwables, and the exit half neither changes the
 * return value nor the exception.
 */
final class DispatchAdvice {

  private DispatchAdvice() {}

  @Advice.OnMethodEnter(suppress = Throwable.class)
  static Object enter(
      @MethodId int methodId,
      @Advice.This(optional = true) Object self,
      @Advice.AllArguments Object[] args) {
    return Dispatchers.enter(methodId, self, args);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @Advice.Enter Object handle,
      @Advice.Return(typing = Assigner.Typing.DYNAMIC) Object result,
      @Advice.Thrown Throwable thrown) {
    Dispatchers.exit(handle, result, thrown);
  }
}
