package dev.vcon.it.oddshapes.host;

/** Implements {@link Audit} without overriding its default method. */
public final class PlainAudit implements Audit {}
