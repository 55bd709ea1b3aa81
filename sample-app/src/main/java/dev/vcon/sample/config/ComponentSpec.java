package dev.vcon.sample.config;

import java.util.Map;

/** A configured link or storage: its name, implementing class, options and where it was written. */
public record ComponentSpec(
    String name, String className, Map<String, Object> options, String key, int line) {}
