package dev.vcon.receiver;

import static dev.vcon.receiver.ConserverMetrics.INFLIGHT;
import static dev.vcon.receiver.ConserverMetrics.PROCESSED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsViewTest {
  private final MetricsView view = new MetricsView();

  @Test
  void eachInstanceIsItsOwnRowAndTheTotalAddsThemUp() {
    view.accept(
        List.of(Points.sum("w-1", INFLIGHT, 100, 30), Points.sum("w-1", PROCESSED, 100, 7)));
    view.accept(
        List.of(Points.sum("w-2", INFLIGHT, 110, 20), Points.sum("w-2", PROCESSED, 110, 5)));

    assertThat(view.instanceRows())
        .extracting(r -> r.label() + ":" + r.inflight() + "/" + r.processed())
        .containsExactly("w-1:30/7", "w-2:20/5");
    assertThat(view.totalRow().inflight()).isEqualTo(50);
    assertThat(view.totalRow().processed()).isEqualTo(12);
    assertThat(view.inflightPeakSum()).isEqualTo(50);
  }

  @Test
  void withoutInstanceIdTheLastExportWinsEvenWhenItIsOlder() {
    view.accept(List.of(Points.sum("w-1", INFLIGHT, 200, 30)));
    // Arrives later, carries an older timestamp: a backend keyed without the instance keeps it.
    view.accept(List.of(Points.sum("w-2", INFLIGHT, 150, 20)));

    assertThat(view.collapsedRow().inflight()).isEqualTo(20);
    assertThat(view.totalRow().inflight()).isEqualTo(50);
    assertThat(view.inflightPeakCollapsed()).isEqualTo(30);
  }

  @Test
  void anOlderPointOfTheSameInstanceDoesNotReplaceANewerOne() {
    view.accept(List.of(Points.sum("w-1", PROCESSED, 200, 9)));
    view.accept(List.of(Points.sum("w-1", PROCESSED, 100, 4)));

    assertThat(view.instanceRows().get(0).processed()).isEqualTo(9);
  }

  @Test
  void everyExportAddsASampleOfEachInstanceTheSumAndTheCollapsedValue() {
    view.accept(List.of(Points.sum("w-1", INFLIGHT, 100, 3)));
    view.accept(List.of(Points.sum("w-2", INFLIGHT, 100, 4)));

    Sample last = view.samples().get(1);
    assertThat(last.inflightByInstance()).containsEntry("w-1", 3L).containsEntry("w-2", 4L);
    assertThat(last.sum()).isEqualTo(7);
    assertThat(last.collapsed()).isEqualTo(4);
  }

  @Test
  void runTimePercentilesMergeTheInstancesHistograms() {
    // Buckets (-inf,1] (1,2] (2,+inf): w-1 has 10 runs under 1 s, w-2 10 runs between 1 and 2 s.
    view.accept(List.of(Points.runTime("w-1", 100, List.of(10L, 0L, 0L))));
    view.accept(List.of(Points.runTime("w-2", 100, List.of(0L, 10L, 0L))));

    assertThat(view.instanceRows().get(0).p99Seconds()).isLessThanOrEqualTo(1.0);
    assertThat(view.totalRow().p50Seconds()).isLessThanOrEqualTo(1.0);
    assertThat(view.totalRow().p99Seconds()).isBetween(1.0, 2.0);
  }
}
