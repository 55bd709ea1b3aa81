package dev.vcon.sample.chain;

import dev.vcon.sample.link.Link;

/** A link instance with the name the configuration gives it. */
public record NamedLink(String name, Link link) {}
