package dev.vcon.agent.core.share.fakeotel.api.trace;

import dev.vcon.agent.core.share.fakeotel.context.Context;
import dev.vcon.agent.core.share.fakeotel.context.Scope;

public interface Span {

  SpanContext getSpanContext();

  static Span wrap(SpanContext context) {
    if (Context.failing) {
      throw new IllegalStateException("fake API failing");
    }
    return () -> context;
  }

  static Span current() {
    Span span = Context.CURRENT.get();
    return span == null ? wrap(SpanContext.INVALID) : span;
  }

  default Scope makeCurrent() {
    Span previous = Context.CURRENT.get();
    Context.CURRENT.set(this);
    Context.openScopes++;
    return () -> {
      Context.openScopes--;
      Context.CURRENT.set(previous);
    };
  }
}
