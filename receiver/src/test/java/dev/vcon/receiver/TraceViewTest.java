package dev.vcon.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TraceViewTest {
  private final TraceView view = new TraceView();

  @Test
  void countsRootsRootsWithLinksAndSpansWhoseRootNeverCame() {
    view.accept(
        List.of(
            Points.span("t1", "c1", "r1", "link.tag", false),
            Points.span("t1", "r1", "", "vcon_processing.main_chain", true),
            Points.span("t2", "r2", "", "vcon_processing.main_chain", false),
            Points.span("t3", "c3", "r3", "storage.file", false)));

    assertThat(view.roots()).isEqualTo(2);
    assertThat(view.rootsWithLinks()).isEqualTo(1);
    assertThat(view.orphans()).isEqualTo(1);
  }

  @Test
  void aRootArrivingAfterItsChildrenAdoptsThem() {
    view.accept(List.of(Points.span("t1", "c1", "r1", "link.tag", false)));
    view.accept(List.of(Points.span("t1", "r1", "", "vcon_processing.main_chain", false)));

    assertThat(view.orphans()).isZero();
    assertThat(TerminalTable.tree(view.example()))
        .isEqualTo("  vcon_processing.main_chain  2.0 ms  vcon_id=v-t1\n    link.tag  2.0 ms\n");
  }

  @Test
  void theExampleIsATraceLinkedToItsProducer() {
    view.accept(
        List.of(
            Points.span("t1", "r1", "", "vcon_processing.main_chain", true),
            Points.span("t2", "r2", "", "vcon_processing.main_chain", false)));

    assertThat(view.example().traceId()).isEqualTo("t1");
    assertThat(TerminalTable.tree(view.example()))
        .contains("-> link to producer trace " + "ab".repeat(16));
  }
}
