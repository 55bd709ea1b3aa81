package dev.vcon.agent.core.config;

/**
 * A setting's value does not parse. Unchecked because it never escapes the configuration code:
 * {@link AgentConfig} catches it and turns it into one problem line.
 */
public final class InvalidSettingException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public InvalidSettingException(String message) {
    super(message);
  }
}
