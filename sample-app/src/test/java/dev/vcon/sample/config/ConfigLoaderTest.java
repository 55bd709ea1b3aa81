package dev.vcon.sample.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vcon.sample.chain.Chains;
import dev.vcon.sample.chain.ComponentContext;
import dev.vcon.sample.queue.SpoolVconQueue;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  private static final String VALID =
      """
      links:
        tag:
          class: dev.vcon.sample.link.TagLink
          options:
            tags: [a, b]
        halt:
          class: dev.vcon.sample.link.HaltLink
          options: {fraction: 0.5}
      storages:
        log:
          class: dev.vcon.sample.storage.LogStorage
      chains:
        main:
          links: [tag, halt]
          ingress_lists: [in]
          storages: [log]
          egress_lists: [out]
          parallel_storages: true
          enabled: 1
        off:
          ingress_lists: [in]
          enabled: 0
      """;

  @TempDir Path dir;

  @Test
  void readsLinksStoragesAndChainsInFileOrder() {
    ConserverConfig config = ConfigLoader.parse(VALID, "test.yml");

    assertThat(config.links()).containsOnlyKeys("tag", "halt");
    assertThat(config.links().get("tag").options())
        .containsEntry("tags", java.util.List.of("a", "b"));
    assertThat(config.links().get("halt").line()).isEqualTo(6);
    ChainSpec main = config.chains().get("main");
    assertThat(main.links()).containsExactly("tag", "halt");
    assertThat(main.ingressLists()).containsExactly("in");
    assertThat(main.storages()).containsExactly("log");
    assertThat(main.egressLists()).containsExactly("out");
    assertThat(main.parallelStorages()).isTrue();
    assertThat(main.enabled()).isTrue();
    assertThat(config.chains().get("off").enabled()).isFalse();
  }

  @Test
  void theDefaultConfigShippedInTheJarIsValidAndBuilds(@TempDir Path spool) {
    ConserverConfig config = ConfigLoader.loadDefault();
    ComponentContext context =
        new ComponentContext(
            new SpoolVconQueue(spool), new PrintStream(new ByteArrayOutputStream()));

    try (Chains chains = Chains.build(config, context, 2)) {
      assertThat(chains.ingressLists()).containsExactly("default_ingress");
      assertThat(chains.forIngress("default_ingress").getName()).isEqualTo("main_chain");
    }
  }

  @Test
  void anUnknownLinkReferenceNamesTheKeyAndLine() {
    String yaml = VALID.replace("links: [tag, halt]", "links: [tag, nope]");

    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "bad.yml"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("chains.main.links[1]");
              assertThat(e.line()).isEqualTo(14);
              assertThat(e.getMessage())
                  .startsWith("bad.yml:14: chains.main.links[1]: unknown link 'nope'");
            });
  }

  @Test
  void aMissingClassNamesTheComponent() {
    String yaml = VALID.replace("class: dev.vcon.sample.link.HaltLink", "class: no.such.Link");

    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "bad.yml"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("links.halt.class");
              assertThat(e.line()).isEqualTo(7);
              assertThat(e.getMessage()).contains("class no.such.Link not found");
            });
  }

  @Test
  void aClassOfTheWrongKindIsRejected() {
    String yaml =
        VALID.replace(
            "class: dev.vcon.sample.storage.LogStorage", "class: dev.vcon.sample.link.TagLink");

    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "bad.yml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("storages.log.class")
        .hasMessageContaining("does not implement dev.vcon.sample.storage.Storage");
  }

  @Test
  void anUnknownKeyIsRejectedWithItsLine() {
    String yaml = VALID.replace("    egress_lists: [out]", "    egress_list: [out]");

    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "bad.yml"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("chains.main.egress_list");
              assertThat(e.line()).isEqualTo(17);
            });
  }

  @Test
  void aChainWithoutIngressListsIsRejected() {
    String yaml = VALID.replace("    ingress_lists: [in]\n    storages", "    storages");

    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "bad.yml"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chains.main.ingress_lists: required");
  }

  @Test
  void twoEnabledChainsCannotShareAnIngressList() {
    String yaml = VALID.replace("enabled: 0", "enabled: 1");

    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "bad.yml"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("chains.off.ingress_lists[0]");
              assertThat(e.getMessage()).contains("already feeds chain main");
            });
  }

  @Test
  void brokenYamlSyntaxNamesTheLine() {
    String yaml = "links:\n  tag:\n    class: [unclosed\nchains: {}\n";

    assertThatThrownBy(() -> ConfigLoader.parse(yaml, "bad.yml"))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.line()).isPositive();
              assertThat(e.getMessage()).startsWith("bad.yml:").contains("not valid YAML");
            });
  }

  @Test
  void aBadLinkOptionIsReportedWhenTheChainsAreBuilt(@TempDir Path spool) {
    String yaml = VALID.replace("options: {fraction: 0.5}", "options: {fraction: 2}");
    ConserverConfig config = ConfigLoader.parse(yaml, "bad.yml");
    ComponentContext context =
        new ComponentContext(
            new SpoolVconQueue(spool), new PrintStream(new ByteArrayOutputStream()));

    assertThatThrownBy(() -> Chains.build(config, context, 1))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.key()).isEqualTo("links.halt.options");
              assertThat(e.line()).isEqualTo(6);
              assertThat(e.getMessage()).contains("fraction must be between 0 and 1");
            });
  }

  @Test
  void aMissingFileIsAClearError() {
    assertThatThrownBy(() -> ConfigLoader.load(dir.resolve("absent.yml")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("file not found");
  }

  @Test
  void loadsAFileFromDisk() throws Exception {
    Path file = Files.writeString(dir.resolve("conserver.yml"), VALID);

    assertThat(ConfigLoader.load(file).source()).isEqualTo(file.toString());
  }
}
