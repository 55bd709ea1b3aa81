package dev.vcon.it.bench.host;

/**
 * Where a processed conversation is written: the benchmark's "storage" role ({@code
 * dev.vcon.it.bench.host.Sink#write}, backend {@code this.backend}, vCon id {@code arg0}).
 */
public interface Sink {
  String backend();

  void write(String conversationId, byte[] digest);
}
