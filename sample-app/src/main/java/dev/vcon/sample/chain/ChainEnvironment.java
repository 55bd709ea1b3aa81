package dev.vcon.sample.chain;

import dev.vcon.sample.queue.VconQueue;
import java.io.PrintStream;

/** What every chain run of one worker process shares: the store, the counters, the error log. */
public record ChainEnvironment(VconQueue queue, ChainStats stats, PrintStream log) {}
