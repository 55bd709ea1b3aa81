package dev.vcon.it.chain.host;

/** The chain tests' storage contract ({@code ...host.Storage#save}, name {@code this.name}). */
public interface Storage {
  void save(String vconId);
}
