/**
 * End-to-end tests: the sample app (real worker JVMs) or small host mains, started with our agent
 * (and, in places, the official OpenTelemetry Java agent) against the in-process OTLP receiver.
 * Each test has its own receiver ports, temp folders, queue and configuration, waits on conditions
 * with deadlines, and prints its key figures to stdout. {@link dev.vcon.it.e2e.E2e} holds the
 * shared helpers; {@code fixtures} the host mains for {@code HostOwnSdkIT}.
 *
 * <ul>
 *   <li>{@code WorkerIdentityIT}: one {@code <host>-pid-<pid>} instance per worker; inflight peaks
 *       at the concurrency per instance and adds up over instances; official agent alone for
 *       comparison.
 *   <li>{@code CountingTruthIT}: final cumulative counters = the workers' printed counts.
 *   <li>{@code TracesIT}: one root per vCon, links to the producer's context, children in place.
 *   <li>{@code OfficialAgentCoexistenceIT}: both agents, both orders, telemetry kept apart.
 *   <li>{@code HostOwnSdkIT}: a host with its own global SDK keeps it.
 *   <li>{@code GracefulStopIT}: SIGTERM with work in flight; final export matches the summaries.
 *   <li>{@code Java25IT}: identity, traces and counts on Java 25.
 * </ul>
 */
package dev.vcon.it.e2e;
