package dev.vcon.it.chain.host;

import dev.vcon.it.chain.host.BlobStore.CachedBlobStore;
import dev.vcon.it.chain.host.Links.ArchiveLink;
import dev.vcon.it.chain.host.Links.CollectingLink;
import dev.vcon.it.chain.host.Links.CrossWriteLink;
import dev.vcon.it.chain.host.Links.DelegatingLink;
import dev.vcon.it.chain.host.Links.EmptyOptionalLink;
import dev.vcon.it.chain.host.Links.EmptyStringLink;
import dev.vcon.it.chain.host.Links.FalseLink;
import dev.vcon.it.chain.host.Links.LinkFailure;
import dev.vcon.it.chain.host.Links.NullLink;
import dev.vcon.it.chain.host.Links.SleepLink;
import dev.vcon.it.chain.host.Links.SpawnLink;
import dev.vcon.it.chain.host.Links.TagLink;
import dev.vcon.it.chain.host.Links.ThrowingLink;
import dev.vcon.it.chain.host.Storages.FailingStorage;
import dev.vcon.it.chain.host.Storages.ListStorage;
import dev.vcon.it.chain.host.Storages.MemoryStorage;
import dev.vcon.it.chain.host.Storages.SleepingStorage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The scripted scenario of the chain tests, run once and then a normal exit (the agent's exit hook
 * delivers what is left). Every expectation a test has on spans and metrics follows from this
 * script; the host checks what only it can see (return values, exception identity, threads) and
 * prints {@code check ... ok}. Runs: see {@code ChainScenarioIT}.
 */
public final class ChainHostMain {
  // Upstream contexts.
  public static final String T1 = "4bf92f3577b34da6a3ce929d0e0e4736";
  public static final String S1 = "00f067aa0ba902b7";
  public static final String T2 = "5ce0e9a56015fec5aadfa328ae398115";
  public static final String S2 = "ab54a98ceb1f0ad2";
  public static final String T3 = "0af7651916cd43dd8448eb211c80319c";
  public static final String S3 = "b7ad6b7169203331";
  public static final String T8 = "a3ce929d0e0e47364bf92f3577b34da6";
  public static final String S8 = "0ba902b700f067aa";

  /** How long V8's "slow" link sleeps: longer than the tests' 1 s metric export interval. */
  public static final long SLOW_LINK_MILLIS = 1500;

  /** How long V8's "slow-store" write sleeps. */
  public static final long SLOW_STORAGE_MILLIS = 50;

  /** Each run's label; {@link Ids#uuid} gives its vCon id. */
  public static final List<String> LABELS =
      List.of("V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9", "V10", "V11", "V12", "V13");

  private ChainHostMain() {}

  public static void main(String[] args) throws Exception {
    System.out.println("java " + System.getProperty("java.specification.version"));
    ExecutorService executor =
        Executors.newSingleThreadExecutor(r -> new Thread(r, "storage-writer"));
    MemoryStorage mem = new MemoryStorage("mem");
    ListStorage list = new ListStorage("list", Collections.synchronizedList(new ArrayList<>()));
    FailingStorage failing = new FailingStorage("failing");
    TagLink tag = new TagLink();
    CollectingLink<String> collect = new CollectingLink<>(new ArrayList<>(List.of("a", "b")));

    // V1 alpha: upstream as a map of ids and flags; three successful links (one generic, one
    // re-entrant), a storage on this thread and one on the executor's.
    String v1 = Ids.uuid("V1");
    ChainRequest r1 =
        new ChainRequest(
                v1,
                new ChainDetails("alpha"),
                map("trace_id", T1, "span_id", S1, "trace_flags", "01"))
            .link("tag", tag)
            .link("collect", collect)
            .link("delegate", new DelegatingLink())
            .store(mem)
            .storeAsync(list, executor);
    Checks.equal("V1.result", "completed:" + v1 + ":3", r1.process());
    Checks.equal("V1.tag-result", v1, r1.linkResults.get(0));
    Checks.same("V1.collect-result-identity", collect.items(), r1.linkResults.get(1));
    Checks.equal("V1.delegate-result", "delegated:delegate:" + v1, r1.linkResults.get(2));
    Checks.isTrue(
        "V1.async-storage-on-other-thread",
        list.saved().equals(List.of(v1 + ":storage-writer")),
        "list storage saw " + list.saved());

    // V2 alpha: upstream as a map with a traceparent (flags 00); halts on null.
    String v2 = Ids.uuid("V2");
    ChainRequest r2 =
        new ChainRequest(
                v2, new ChainDetails("alpha"), map("traceparent", "00-" + T2 + "-" + S2 + "-00"))
            .link("tag", tag)
            .link("stop-null", new NullLink())
            .link("never", tag);
    Checks.equal("V2.result", "halted:" + v2 + ":stop-null", r2.process(0));
    Checks.equal("V2.link-results", java.util.Arrays.asList(v2, null), r2.linkResults);

    // V3 beta (chain details as a Map): upstream as a traceparent string; halts on FALSE.
    String v3 = Ids.uuid("V3");
    ChainRequest r3 =
        new ChainRequest(v3, Map.of("name", "beta"), "00-" + T3 + "-" + S3 + "-01")
            .link("tag", tag)
            .link("stop-false", new FalseLink());
    Checks.equal("V3.result", "halted:" + v3 + ":stop-false", r3.process());
    Checks.same("V3.false-result-identity", Boolean.FALSE, r3.linkResults.get(1));

    // V4 beta: all-zero trace id (no span link); halts on "".
    String v4 = Ids.uuid("V4");
    ChainRequest r4 =
        new ChainRequest(
                v4,
                Map.of("name", "beta"),
                map(
                    "trace_id",
                    "00000000000000000000000000000000",
                    "span_id",
                    S1,
                    "trace_flags",
                    1))
            .link("stop-empty", new EmptyStringLink());
    Checks.equal("V4.result", "halted:" + v4 + ":stop-empty", r4.process());
    Checks.equal("V4.empty-result", "", r4.linkResults.get(0));

    // V5 beta: malformed traceparent (no span link); halts on Optional.empty().
    String v5 = Ids.uuid("V5");
    ChainRequest r5 =
        new ChainRequest(v5, Map.of("name", "beta"), "00-not-a-traceparent")
            .link("stop-optional", new EmptyOptionalLink());
    Checks.equal("V5.result", "halted:" + v5 + ":stop-optional", r5.process());
    Checks.same("V5.optional-result-identity", Optional.empty(), r5.linkResults.get(0));

    // V6 gamma: no upstream context at all; the second link throws, and so does the run.
    String v6 = Ids.uuid("V6");
    ChainRequest r6 =
        new ChainRequest(v6, new ChainDetails("gamma"), null)
            .link("tag", tag)
            .link("boom", new ThrowingLink());
    try {
      r6.process();
      Checks.isTrue("V6.throws", false, "process() returned normally");
    } catch (LinkFailure caught) {
      Checks.same("V6.same-exception", ThrowingLink.lastThrown, caught);
      Checks.equal("V6.exception-message", "link boom failed for " + v6, caught.getMessage());
    }

    // V7 gamma: map without span_id (no span link); a link runs on the executor's thread; the
    // executor's storage write fails and the chain keeps the failure it got back.
    String v7 = Ids.uuid("V7");
    ChainRequest r7 =
        new ChainRequest(v7, new ChainDetails("gamma"), map("trace_id", T1))
            .link("tag", tag)
            .linkOn(executor, "remote-tag", tag)
            .storeAsync(failing, executor);
    Checks.equal("V7.result", "completed:" + v7 + ":2", r7.process());
    Checks.equal("V7.remote-tag-result", v7, r7.linkResults.get(1));
    Checks.isTrue(
        "V7.storage-error-identity",
        r7.storageErrors.size() == 1 && r7.storageErrors.get(0) == FailingStorage.lastThrown,
        "storage errors " + r7.storageErrors + ", thrown " + FailingStorage.lastThrown);

    // V8 alpha (upper-case ids, no flags): its "spawn" link runs V9 delta, a chain run made while
    // this thread is inside V8's run and a link call; then V8 goes on with two more links (one
    // slow, so a periodic export sees the run in flight) and a slow storage.
    // V9 delta archives through the abstract-class selector (BlobStore#persist, two levels down,
    // the override calling super) and writes "mem".
    String v8 = Ids.uuid("V8");
    String v9 = Ids.uuid("V9");
    CachedBlobStore blob = new CachedBlobStore("blob");
    ChainRequest r9 =
        new ChainRequest(v9, new ChainDetails("delta"), null)
            .link("tag", tag)
            .link("archive", new ArchiveLink(blob))
            .store(mem);
    SpawnLink spawn = new SpawnLink(r9);
    ChainRequest r8 =
        new ChainRequest(
                v8,
                new ChainDetails("alpha"),
                map("trace_id", T8.toUpperCase(), "span_id", S8.toUpperCase()))
            .link("spawn", spawn)
            .link("tag", tag)
            .link("slow", new SleepLink(SLOW_LINK_MILLIS))
            .store(new SleepingStorage("slow-store", SLOW_STORAGE_MILLIS));
    Checks.equal("V8.result", "completed:" + v8 + ":3", r8.process(0));
    Checks.equal("V9.result", "completed:" + v9 + ":2", spawn.innerResult);
    Checks.equal("V9.blob", List.of("cache:" + v9, "file:" + v9), blob.persisted());

    // V10: a link call and a storage write with no chain run of their vCon in progress.
    String v10 = Ids.uuid("V10");
    Checks.equal("V10.orphan-link-result", v10, tag.run(v10, "orphan", 7));
    MemoryStorage orphanStore = new MemoryStorage("orphan-store");
    Future<?> orphanWrite = executor.submit(() -> orphanStore.save(v10));
    orphanWrite.get();
    Checks.equal(
        "V10.orphan-store",
        List.of(v10 + ":" + v10.length() + ":storage-writer"),
        orphanStore.saved());

    // V11: the chain name's toString() throws inside the agent; the host must not notice.
    String v11 = Ids.uuid("V11");
    ChainRequest r11 = new ChainRequest(v11, new ChainDetails(new HostileName()), null);
    Checks.equal("V11.result", "completed:" + v11 + ":0", r11.process());

    // V12: no chain name (null: "unknown"); its link writes V13, which has no run in progress.
    String v12 = Ids.uuid("V12");
    String v13 = Ids.uuid("V13");
    MemoryStorage sideStore = new MemoryStorage("side-store");
    ChainRequest r12 =
        new ChainRequest(v12, new ChainDetails(null), null)
            .link("cross", new CrossWriteLink(sideStore, v13));
    Checks.equal("V12.result", "completed:" + v12 + ":1", r12.process());
    Checks.equal("V12.cross-result", "wrote:" + v13, r12.linkResults.get(0));

    Checks.equal(
        "mem.writes",
        List.of(v1, v9),
        mem.saved().stream()
            .map(s -> s.substring(0, s.indexOf(':')))
            .collect(java.util.stream.Collectors.toList()));

    executor.shutdown();
    executor.awaitTermination(10, TimeUnit.SECONDS);
    System.out.println("scenario done");
  }

  /** A name whose rendering fails: makes the agent's own code throw on the chain's entry. */
  static final class HostileName {
    @Override
    public String toString() {
      throw new IllegalStateException("hostile chain name");
    }
  }

  private static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> m = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }
}
