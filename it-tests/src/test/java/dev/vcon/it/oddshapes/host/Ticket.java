package dev.vcon.it.oddshapes.host;

/** What a chain run is for: a record, read by the agent through its accessors. */
public record Ticket(String chain, String vconId) {}
