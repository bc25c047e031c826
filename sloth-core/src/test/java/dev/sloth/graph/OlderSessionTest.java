package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code get()} that began before a change is pinned to the revision it began at, and must never leave behind a
 * value that passes as current after the change. The engine's model property found the one way it did (about one
 * case in 8,000 with an observer refreshing on a virtual thread): a node first run by the newer revision, failing
 * there, then run again by the older {@code get()}, whose success at the old revision then looked current forever.
 * Here the two are ordered by latches, so the case is exact.
 */
class OlderSessionTest {

  /**
   * A {@code get()} of {@code outer} starts at revision R1 and blocks inside its function. Meanwhile the source
   * changes (R2) and {@code fragile}, never run before, is read at R2: its first run registers it with the source,
   * as of R2, and fails. Then the older get reads {@code fragile}. Were it to run {@code fragile} at R1 (the source's
   * old value: success), that value would be published as verified at R1 with no change after R1 marked on it, and a
   * later {@code fragile.get()} would return it instead of the failure. The older get must restart at R2 instead.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFailureFromANewerRevisionIsNeverReplacedByAnOlderGetsValue(String mode, Supplier<Graph> graphs)
      throws Exception {
    Graph g = graphs.get();
    Source<Integer> x = g.source("x", 1);
    AtomicInteger fragileRuns = new AtomicInteger();
    Node<Integer> fragile = g.fn1("Fragile", (Integer v) -> {
      fragileRuns.incrementAndGet();
      if (v == 0) {
        throw new IllegalStateException("zero");
      }
      return v * 10;
    }).call(x);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch proceed = new CountDownLatch(1);
    AtomicInteger outerRuns = new AtomicInteger();
    Node<Integer> outer = g.computed("outer", () -> {
      outerRuns.incrementAndGet();
      inside.countDown();
      Latches.awaitUninterruptibly(proceed);
      return fragile.get() + 1;
    });
    ExecutorService older = Executors.newSingleThreadExecutor();
    try {
      Future<Object> olderGet = older.submit(() -> {
        try {
          return outer.get();
        } catch (EvaluationException e) {
          return e;
        }
      });
      assertThat(inside.await(30, TimeUnit.SECONDS)).as("the older get runs outer").isTrue();

      x.set(0);
      assertThatThrownBy(fragile::get).isInstanceOf(EvaluationException.class).hasMessageContaining("zero");
      assertThat(fragileRuns).as("fragile's first run, at the new revision").hasValue(1);

      proceed.countDown();
      Object olderOutcome = olderGet.get(30, TimeUnit.SECONDS);
      assertThat(olderOutcome).as("the older get, restarted at the new revision, reports the failure")
          .isInstanceOf(EvaluationException.class);
      assertThat(((EvaluationException) olderOutcome).getMessage()).contains("zero");
      assertThat(outerRuns).as("outer ran at R1, then again after the restart").hasValue(2);

      assertThatThrownBy(fragile::get).as("fragile after both gets: still its failure at the current revision")
          .isInstanceOf(EvaluationException.class).hasMessageContaining("zero");
      assertThat(fragile.state()).isEqualTo(NodeState.FAILED);

      x.set(2); // and it recovers as usual
      assertThat(fragile.get()).isEqualTo(20);
      assertThat(outer.get()).isEqualTo(21);
    } finally {
      proceed.countDown();
      older.shutdownNow();
    }
  }

}
