package dev.vcon.agent.core.tracking;

import java.util.Optional;

/** How a link or storage call ended, in the words of the conserver metric contract. */
final class Outcomes {

  static final String SUCCESS = "success";
  static final String HALT = "halt";
  static final String ERROR = "error";

  private Outcomes() {}

  /**
   * A link halts the chain by returning a falsy value (conserver's Python semantics): null, {@code
   * Boolean.FALSE}, an empty String or an empty Optional.
   */
  static String ofLink(Object result, Throwable thrown) {
    if (thrown != null) {
      return ERROR;
    }
    if (result == null
        || Boolean.FALSE.equals(result)
        || (result instanceof CharSequence && ((CharSequence) result).length() == 0)
        || (result instanceof Optional && !((Optional<?>) result).isPresent())) {
      return HALT;
    }
    return SUCCESS;
  }

  static String ofStorage(Throwable thrown) {
    return thrown == null ? SUCCESS : ERROR;
  }
}
