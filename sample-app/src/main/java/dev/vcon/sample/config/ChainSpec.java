package dev.vcon.sample.config;

import java.util.List;

/** A configured chain, with its link and storage names already checked against the config. */
public record ChainSpec(
    String name,
    List<String> links,
    List<String> ingressLists,
    List<String> storages,
    List<String> egressLists,
    boolean parallelStorages,
    boolean enabled) {}
