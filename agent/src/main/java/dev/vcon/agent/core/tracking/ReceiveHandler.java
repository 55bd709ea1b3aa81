package dev.vcon.agent.core.tracking;

import io.opentelemetry.api.common.Attributes;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The receive role: {@code conserver.main_loop.count_vcons_received} {@code {ingress_list}}, one
 * per call that returned a vCon. A pop that timed out returns nothing: null, an empty {@link
 * Optional}, an empty string, array, collection or map; none of those is a vCon. A non-empty return
 * counts one, whatever its shape: a Redis client's pop may return the pair (list, uuid) as a
 * two-element list.
 */
final class ReceiveHandler extends QueueHandler<QueueHandler.Target> {

  ReceiveHandler(TrackingContext context, InternalErrors errors) {
    super(context, errors, Target::new);
  }

  @Override
  Attributes attributes(Target binding, String queue, Object self, Object[] args) {
    return names.received(queue);
  }

  @Override
  void returned(QueueCall call, Object result) {
    if (isVcon(result)) {
      call.metrics.received().add(1, call.attributes);
    }
  }

  /**
   * Whether a pop's return is something taken. Emptiness is asked only of the JDK's own types,
   * whose answer runs no host code.
   */
  static boolean isVcon(Object result) {
    if (result == null) {
      return false;
    }
    if (result instanceof String) {
      return !((String) result).isEmpty();
    }
    if (result instanceof Optional) {
      return ((Optional<?>) result).isPresent();
    }
    if (result.getClass().isArray()) {
      return java.lang.reflect.Array.getLength(result) > 0;
    }
    if (result.getClass().getClassLoader() == null) {
      if (result instanceof Collection) {
        return !((Collection<?>) result).isEmpty();
      }
      if (result instanceof Map) {
        return !((Map<?, ?>) result).isEmpty();
      }
    }
    return true;
  }
}
