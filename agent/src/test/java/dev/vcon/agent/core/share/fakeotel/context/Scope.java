package dev.vcon.agent.core.share.fakeotel.context;

public interface Scope extends AutoCloseable {
  @Override
  void close();
}
