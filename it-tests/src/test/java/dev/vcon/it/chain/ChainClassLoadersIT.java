package dev.vcon.it.chain;

import static dev.vcon.it.chain.ChainIt.attr;
import static dev.vcon.it.chain.ChainIt.children;
import static dev.vcon.it.chain.ChainIt.root;
import static dev.vcon.it.chain.ChainIt.totals;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vcon.it.chain.host.ChainHostMain;
import dev.vcon.it.chain.host.Ids;
import dev.vcon.it.chain.host.loaders.LoaderMain;
import dev.vcon.it.jvm.ItJars;
import dev.vcon.it.jvm.JvmProcess;
import dev.vcon.it.otlp.OtlpReceiver;
import dev.vcon.it.otlp.OtlpStore;
import dev.vcon.it.otlp.Protocol;
import dev.vcon.it.otlp.SpanLink;
import dev.vcon.it.otlp.SpanRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain host loaded through four kinds of class loader ({@link LoaderMain}); each variant's run
 * must be instrumented. The host classes are copied from the test classes into a directory of their
 * own; the launcher into another, so a JVM can run without the host on its class path.
 *
 * <ul>
 *   <li>JVM "shared" (-cp launcher:host): {@code system}, then {@code parent-last} (a second copy
 *       of the same classes, defined by a child-first loader while the system loader has them too)
 *       and {@code platform} (parent: the platform loader; sees neither -cp nor the agent jar);
 *   <li>JVM "isolated" (-cp launcher): {@code child}, a plain parent-first URLClassLoader child of
 *       the system loader, which can only find the host through its own URL.
 * </ul>
 */
class ChainClassLoadersIT {
  static final List<String> SHARED = List.of("system", "parent-last", "platform");
  static final List<String> ISOLATED = List.of("child");

  @Test
  void everyClassLoaderVariantIsInstrumented(@TempDir Path dir) throws Exception {
    Path config = ChainIt.writeConfig(dir);
    Path classes = ItJars.testClasses();
    Path hostDir = copyPackage(classes, dir.resolve("host"), "dev/vcon/it/chain/host");
    Path launcherDir =
        copyPackage(classes, dir.resolve("launcher"), "dev/vcon/it/chain/host/loaders");
    try (OtlpReceiver receiver = OtlpReceiver.start();
        JvmProcess shared =
            launch(config, receiver, "loaders-shared", SHARED, hostDir, launcherDir, hostDir);
        JvmProcess isolated =
            launch(config, receiver, "loaders-isolated", ISOLATED, hostDir, launcherDir)) {
      List<String> all = new ArrayList<>(SHARED);
      all.addAll(ISOLATED);
      ChainIt.awaitCleanExit(shared, checks(SHARED));
      ChainIt.awaitCleanExit(isolated, checks(ISOLATED));
      assertThat(shared.stdout().lines())
          .contains(
              "variant parent-last loader=ParentLastLoader(chain-parent-last)"
                  + " result=completed:"
                  + Ids.uuid("loader-parent-last")
                  + ":3");
      assertThat(isolated.stdout().lines())
          .anyMatch(l -> l.startsWith("variant child loader=URLClassLoader(chain-child)"));
      assertThat(ChainIt.configProblems(shared)).isEmpty();
      assertThat(ChainIt.configProblems(isolated)).isEmpty();

      OtlpStore store = receiver.store();
      store.await(
          ChainIt.DELIVERY,
          "a processed count for every variant",
          () ->
              totals(store, "conserver.main_loop.count_vcons_processed", p -> attr(p, "chain.name"))
                      .size()
                  == all.size());

      for (String variant : all) {
        String chain = "loader-" + variant;
        SpanRecord root = root(store, chain);
        assertThat(root.name()).isEqualTo("vcon_processing." + chain);
        assertThat(root.isRoot()).isTrue();
        assertThat(root.attributes())
            .containsEntry("chain_name", chain)
            .containsEntry("vcon.uuid", Ids.uuid(chain));
        assertThat(root.links()).extracting(SpanLink::traceId).containsExactly(ChainHostMain.T3);
        assertThat(children(store, root))
            .as("children of %s", chain)
            .extracting(SpanRecord::name)
            .containsExactlyInAnyOrder(
                "link.tag",
                "link.collect",
                "link.archive",
                "storage.mem",
                "storage.list",
                "storage.blob");
        assertThat(children(store, root))
            .allSatisfy(
                s ->
                    assertThat(s.attributes())
                        .containsEntry("chain_name", chain)
                        .containsEntry("outcome", "success"));
        assertThat(ChainIt.trace(store, root.traceId())).hasSize(7);
      }
      ChainIt.evidence(
          shared,
          "trace of the platform-loader variant",
          ChainIt.describeTrace(ChainIt.trace(store, root(store, "loader-platform").traceId())));

      Map<String, Long> expectedPerChain =
          all.stream().collect(Collectors.toMap(v -> "loader-" + v, v -> 1L));
      assertThat(
              totals(
                  store, "conserver.main_loop.count_vcons_processed", p -> attr(p, "chain.name")))
          .isEqualTo(expectedPerChain);
      assertThat(
              totals(store, "conserver.main_loop.vcon_processing_time", p -> attr(p, "chain.name")))
          .isEqualTo(expectedPerChain);
      assertThat(totals(store, "conserver.vcons.inflight", p -> attr(p, "chain.name")))
          .containsOnlyKeys(expectedPerChain.keySet())
          .allSatisfy((k, v) -> assertThat(v).isZero());
      assertThat(
              totals(
                  store,
                  "conserver.link.execution_time",
                  p -> attr(p, "chain.name"),
                  p -> attr(p, "link.name").equals("tag")))
          .isEqualTo(expectedPerChain);
      // Summed over both processes (one series per service.instance.id).
      long n = all.size();
      assertThat(
              totals(
                  store,
                  "conserver.link.count",
                  p -> attr(p, "link_name") + "/" + attr(p, "outcome")))
          .isEqualTo(Map.of("tag/success", n, "collect/success", n, "archive/success", n));
      assertThat(
              totals(
                  store,
                  "conserver.storage.count",
                  p -> attr(p, "backend") + "/" + attr(p, "outcome")))
          .isEqualTo(Map.of("mem/success", n, "list/success", n, "blob/success", n));
      assertThat(store.serviceInstanceIds()).hasSize(2);
      ChainScenarioBase.verifyMetricShapes(store);
    }
  }

  private static JvmProcess launch(
      Path config,
      OtlpReceiver receiver,
      String name,
      List<String> variants,
      Path hostDir,
      Path... classPath) {
    List<String> args = new ArrayList<>();
    args.add(hostDir.toString());
    args.addAll(variants);
    return ChainIt.agentJvm("ChainClassLoadersIT", name, config, receiver, Protocol.HTTP_PROTOBUF)
        .classpath(classPath)
        .mainClass(LoaderMain.class.getName())
        .args(args.toArray(new String[0]))
        .start();
  }

  private static List<String> checks(List<String> variants) {
    List<String> checks = new ArrayList<>();
    for (String v : variants) {
      String chain = "loader-" + v;
      checks.addAll(
          List.of(
              chain + ".result",
              chain + ".collect-result-identity",
              chain + ".async-storage",
              chain + ".defined-by-variant-loader"));
      if (v.equals("platform")) {
        checks.add("loader-platform.sees-no-system-class-path");
      }
    }
    return checks;
  }

  /** Copies the class files directly in {@code pkg} (not its subpackages) to {@code root/pkg}. */
  private static Path copyPackage(Path classes, Path root, String pkg) {
    Path target = root.resolve(pkg);
    try (Stream<Path> files = Files.list(classes.resolve(pkg))) {
      Files.createDirectories(target);
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f) && f.toString().endsWith(".class")) {
          Files.copy(f, target.resolve(f.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return root;
  }
}
