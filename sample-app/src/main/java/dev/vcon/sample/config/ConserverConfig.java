package dev.vcon.sample.config;

import java.util.Map;

/** A whole, validated configuration file; maps keep the file's order. */
public record ConserverConfig(
    String source,
    Map<String, ComponentSpec> links,
    Map<String, ComponentSpec> storages,
    Map<String, ChainSpec> chains) {}
