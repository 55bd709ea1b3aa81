package dev.vcon.agent.core.share;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * One foreign copy of the OpenTelemetry context and trace API (the official agent's shaded copy in
 * the boot loader, or a host's own), reached through method handles resolved once. The handles are
 * composed so that sharing a context is one call and closing it another; nothing here knows the
 * foreign types.
 *
 * <p>Only the API present since OpenTelemetry 1.0 is used: {@code
 * SpanContext.createFromRemoteParent}, {@code TraceFlags.fromByte}, {@code TraceState.getDefault},
 * {@code Span.wrap}, {@code Span.makeCurrent}, {@code Scope.close}, {@code Span.current} and the
 * span context's getters.
 */
final class ContextApi {

  private final String label;
  private final MethodHandle attach;
  private final MethodHandle close;
  private final MethodHandle currentSpanContext;
  private final MethodHandle isValid;
  private final MethodHandle traceId;
  private final MethodHandle spanId;
  private final MethodHandle traceFlags;

  private ContextApi(String label, MethodHandle[] handles) {
    this.label = label;
    this.attach = handles[0];
    this.close = handles[1];
    this.currentSpanContext = handles[2];
    this.isValid = handles[3];
    this.traceId = handles[4];
    this.spanId = handles[5];
    this.traceFlags = handles[6];
  }

  /**
   * The API whose classes are named {@code prefix + "context.Context"} and so on, as {@code loader}
   * sees them (null: the boot loader).
   *
   * @throws ClassNotFoundException when its {@code context.Context} is not there at all
   * @throws ReflectiveOperationException or {@link LinkageError} when it is there but not as known
   */
  static ContextApi resolve(String prefix, ClassLoader loader, String label)
      throws ReflectiveOperationException {
    Class<?> context = Class.forName(prefix + "context.Context", false, loader);
    Class<?> scope = Class.forName(prefix + "context.Scope", false, context.getClassLoader());
    ClassLoader apiLoader = context.getClassLoader();
    Class<?> span = Class.forName(prefix + "api.trace.Span", false, apiLoader);
    Class<?> spanContext = Class.forName(prefix + "api.trace.SpanContext", false, apiLoader);
    Class<?> flags = Class.forName(prefix + "api.trace.TraceFlags", false, apiLoader);
    Class<?> state = Class.forName(prefix + "api.trace.TraceState", false, apiLoader);
    MethodHandles.Lookup lookup = MethodHandles.publicLookup();

    MethodHandle create =
        lookup.findStatic(
            spanContext,
            "createFromRemoteParent",
            MethodType.methodType(spanContext, String.class, String.class, flags, state));
    MethodHandle fromByte =
        lookup.findStatic(flags, "fromByte", MethodType.methodType(flags, byte.class));
    MethodHandle defaultState =
        lookup.findStatic(state, "getDefault", MethodType.methodType(state));
    MethodHandle wrap = lookup.findStatic(span, "wrap", MethodType.methodType(span, spanContext));
    MethodHandle makeCurrent =
        lookup.findVirtual(span, "makeCurrent", MethodType.methodType(scope));
    // (traceId, spanId, flags) -> Span.wrap(createFromRemoteParent(...)).makeCurrent()
    MethodHandle attach = MethodHandles.filterArguments(create, 2, fromByte);
    attach = MethodHandles.collectArguments(attach, 3, defaultState);
    attach = MethodHandles.filterReturnValue(attach, wrap);
    attach = MethodHandles.filterReturnValue(attach, makeCurrent);

    MethodHandle close = lookup.findVirtual(scope, "close", MethodType.methodType(void.class));
    MethodHandle current =
        MethodHandles.filterReturnValue(
            lookup.findStatic(span, "current", MethodType.methodType(span)),
            lookup.findVirtual(span, "getSpanContext", MethodType.methodType(spanContext)));
    MethodHandle flagsByte =
        MethodHandles.filterReturnValue(
            lookup.findVirtual(spanContext, "getTraceFlags", MethodType.methodType(flags)),
            lookup.findVirtual(flags, "asByte", MethodType.methodType(byte.class)));
    MethodHandle[] handles = {
      attach.asType(MethodType.methodType(Object.class, String.class, String.class, byte.class)),
      close.asType(MethodType.methodType(void.class, Object.class)),
      current.asType(MethodType.methodType(Object.class)),
      getter(lookup, spanContext, "isValid", boolean.class),
      getter(lookup, spanContext, "getTraceId", String.class),
      getter(lookup, spanContext, "getSpanId", String.class),
      flagsByte.asType(MethodType.methodType(byte.class, Object.class)),
    };
    return new ContextApi(label, handles);
  }

  private static MethodHandle getter(
      MethodHandles.Lookup lookup, Class<?> owner, String name, Class<?> type)
      throws ReflectiveOperationException {
    return lookup
        .findVirtual(owner, name, MethodType.methodType(type))
        .asType(MethodType.methodType(type, Object.class));
  }

  /** Who this API belongs to, for problem lines. */
  String label() {
    return label;
  }

  /**
   * Makes {@code ours} the current span of this API's context on this thread.
   *
   * @return the foreign scope, to be given to {@link #close(Object)} on the same thread
   */
  Object attach(SpanContext ours) throws Throwable {
    return (Object)
        attach.invokeExact(ours.getTraceId(), ours.getSpanId(), ours.getTraceFlags().asByte());
  }

  /** Restores the context that was current before {@link #attach}. */
  void close(Object scope) throws Throwable {
    close.invokeExact(scope);
  }

  /** This API's current span context on this thread, as ours; null when none is valid. */
  SpanContext current() throws Throwable {
    Object foreign = (Object) currentSpanContext.invokeExact();
    if (foreign == null || !(boolean) isValid.invokeExact(foreign)) {
      return null;
    }
    return SpanContext.createFromRemoteParent(
        (String) traceId.invokeExact(foreign),
        (String) spanId.invokeExact(foreign),
        TraceFlags.fromByte((byte) traceFlags.invokeExact(foreign)),
        TraceState.getDefault());
  }
}
