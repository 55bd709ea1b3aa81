package dev.vcon.it.bench.host;

/**
 * One processing step of a conversation: the benchmark's "link" role, selected by interface ({@code
 * dev.vcon.it.bench.host.Step#apply}), named by {@code this.label}, vCon id {@code arg0}, index
 * {@code arg1}.
 */
public interface Step {
  String label();

  byte[] apply(String conversationId, int position, byte[] payload);
}
