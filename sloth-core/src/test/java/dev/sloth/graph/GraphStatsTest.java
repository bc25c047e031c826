package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 16, item 7: statistics like Caffeine's recordStats(), from the graph, without a listener. */
class GraphStatsTest {

  @Test
  void countsRunsHitsAndFailuresExactly() {
    Graph g = Graph.builder().sequential().recordStats().build();
    Counter calls = new Counter();
    Source<Integer> x = g.source("x", 3);
    Fn1<Integer, Integer> parity = g.fn1("Parity", v -> {
      calls.hit("Parity");
      return v % 2;
    });
    Fn1<Integer, Integer> inv = g.fn1("Inv", v -> {
      calls.hit("Inv");
      return 1 / v;
    });
    Node<Integer> top = inv.call(parity.call(x));

    assertThat(g.stats().byFunction()).isEmpty(); // lazy: nothing asked, nothing counted

    assertThat(top.get()).isEqualTo(1);
    assertThat(g.stats().of("Parity").runs()).isEqualTo(1);
    assertThat(g.stats().of("Inv").runs()).isEqualTo(1);

    assertThat(top.get()).isEqualTo(1); // laziness: a second get runs nothing
    assertThat(calls.total()).isEqualTo(2);
    assertThat(g.stats().total().runs()).isEqualTo(2);
    assertThat(g.stats().total().cacheHits()).isZero(); // fresh at this revision: served without even a check

    x.set(5); // Parity runs again, to the same value: Inv is checked, found valid, served from its cache
    assertThat(top.get()).isEqualTo(1);
    assertThat(calls.of("Parity")).isEqualTo(2);
    assertThat(calls.of("Inv")).isEqualTo(1);
    assertThat(g.stats().of("Parity")).extracting(FnStats::runs, FnStats::cacheHits)
        .containsExactly(2L, 0L);
    assertThat(g.stats().of("Inv")).extracting(FnStats::runs, FnStats::cacheHits)
        .containsExactly(1L, 1L);
    assertThat(g.stats().of("Inv").hitRate()).isEqualTo(0.5);

    x.set(4); // 1 / (4 % 2) throws
    assertThatThrownBy(top::get).isInstanceOf(EvaluationException.class);
    FnStats invNow = g.stats().of("Inv");
    assertThat(calls.of("Inv")).isEqualTo(2);
    assertThat(invNow.runs()).isEqualTo(2);
    assertThat(invNow.failures()).isEqualTo(1);
    assertThat(invNow.successes()).isEqualTo(1);
    assertThat(invNow.averageRunNanos()).isEqualTo((double) invNow.totalRunNanos()); // of the run that returned

    GraphStats s = g.stats();
    assertThat(s.byFunction()).containsOnlyKeys("Inv", "Parity");
    assertThat(s.of("Parity").runs()).isEqualTo(calls.of("Parity")).isEqualTo(3);
    assertThat(s.of("Parity").failures()).isZero();
    assertThat(s.total()).isEqualTo(new FnStats(5, 1, 1,
        s.of("Parity").totalRunNanos() + s.of("Inv").totalRunNanos(), 0));
  }

  @Test
  void evictionsAreCountedPerFunctionAndTheirRecomputationsAsRuns() {
    Graph g = Graph.builder().sequential().recordStats().build();
    Counter calls = new Counter();
    Fn1<Integer, Integer> sq = g.fn1("Sq", FnOptions.defaults().maximumCachedValues(2), v -> {
      calls.hit("Sq");
      return v * v;
    });
    Fn1<Integer, Integer> free = g.fn1("Free", v -> v + 1);
    List<Node<Integer>> squares = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      squares.add(sq.call(i));
      assertThat(free.call(i).get()).isEqualTo(i + 1);
    }
    for (Node<Integer> n : squares) {
      n.get(); // each store past the second evicts the least recently used: 3 evictions
    }
    assertThat(g.stats().of("Sq")).extracting(FnStats::runs, FnStats::evictions).containsExactly(5L, 3L);

    assertThat(squares.get(0).get()).isZero(); // evicted: recomputed once (a run), which evicts another value
    assertThat(calls.of("Sq")).isEqualTo(6);
    assertThat(g.stats().of("Sq")).extracting(FnStats::runs, FnStats::evictions).containsExactly(6L, 4L);
    assertThat(g.stats().of("Free").evictions()).as("a function without a bound keeps its values").isZero();
    assertThat(g.stats().total().evictions()).isEqualTo(4);

    GraphStats before = g.stats();
    squares.get(1).get(); // evicted too: one more run, one more eviction
    assertThat(g.stats().minus(before).of("Sq")).extracting(FnStats::runs, FnStats::evictions)
        .containsExactly(1L, 1L);
  }

  @Test
  void aGraphWideBoundCountsEvictionsUnderEachFunctionsName() {
    Graph g = Graph.builder().sequential().recordStats().maximumCachedValues(1).build();
    Fn1<Integer, Integer> a = g.fn1("A", v -> v + 1);
    Fn1<Integer, Integer> b = g.fn1("B", v -> v * 2);
    a.call(1).get();
    b.call(1).get(); // evicts A(1)
    a.call(2).get(); // evicts B(1)
    assertThat(g.stats().of("A").evictions()).isEqualTo(1);
    assertThat(g.stats().of("B").evictions()).isEqualTo(1);
  }

  @Test
  void callsOfOneFunctionAddUpUnderItsName() {
    Graph g = Graph.builder().sequential().recordStats().build();
    Fn1<Integer, Integer> inc = g.fn1("inc", v -> v + 1);
    Node<Integer> n = g.source("x", 0);
    for (int i = 0; i < 5; i++) {
      n = inc.call(n);
    }
    assertThat(n.get()).isEqualTo(5);
    Node<Integer> z = g.computed("z", () -> 7);
    assertThat(z.get()).isEqualTo(7);
    assertThat(g.stats().of("inc").runs()).isEqualTo(5);
    assertThat(g.stats().of("z").runs()).isEqualTo(1);
    assertThat(g.stats().of("never declared")).isEqualTo(FnStats.none());
  }

  @Test
  void timeIsPositiveAndWithinTheWallTimeOfTheGet() {
    Graph g = Graph.builder().sequential().recordStats().build();
    Source<Long> x = g.source("x", 200_000L);
    Node<Long> sum = g.fn1("sum", (Long n) -> {
      long s = 0;
      for (long i = 0; i < n; i++) {
        s += i ^ (s >>> 3);
      }
      return s;
    }).call(x);
    long before = System.nanoTime();
    sum.get();
    long wall = System.nanoTime() - before;
    FnStats s = g.stats().of("sum");
    assertThat(s.totalRunNanos()).isPositive().isLessThanOrEqualTo(wall);
    assertThat(s.averageRunNanos()).isEqualTo((double) s.totalRunNanos());
  }

  @Test
  void concurrentGetsFromEightThreadsGiveExactTotals() throws Exception {
    Graph g = Graph.builder().recordStats().build();
    Counter calls = new Counter();
    int threads = 8;
    int rounds = 50;
    Fn1<Integer, Integer> parity = g.fn1("parity", v -> {
      calls.hit("parity");
      return v % 2;
    });
    Fn1<Integer, Integer> work = g.fn1("work", v -> {
      calls.hit("work");
      return v + 10;
    });
    CyclicBarrier barrier = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Source<Integer> src = g.source("s" + t, 2 * t);
        Node<Integer> mine = work.call(parity.call(src));
        int id = t;
        done.add(pool.submit(() -> {
          barrier.await(10, TimeUnit.SECONDS);
          assertThat(mine.get()).isEqualTo(10); // parity and work run once each
          for (int r = 1; r <= rounds; r++) {
            barrier.await(10, TimeUnit.SECONDS);
            src.set(2 * (id * 1000 + r)); // still even: parity runs, to the same value; work is a cache hit
            assertThat(mine.get()).isEqualTo(10);
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    GraphStats s = g.stats();
    assertThat(calls.of("parity")).isEqualTo(threads * (rounds + 1));
    assertThat(calls.of("work")).isEqualTo(threads);
    assertThat(s.of("parity")).extracting(FnStats::runs, FnStats::cacheHits, FnStats::failures)
        .containsExactly((long) threads * (rounds + 1), 0L, 0L);
    assertThat(s.of("work")).extracting(FnStats::runs, FnStats::cacheHits, FnStats::failures)
        .containsExactly((long) threads, (long) threads * rounds, 0L);
    assertThat(s.total().runs()).isEqualTo(calls.total());
  }

  @Test
  void withoutRecordStatsStatsSaysWhatToDoAndNothingIsCounted() {
    Graph g = Graph.builder().sequential().build();
    Counter calls = new Counter();
    Node<Integer> n = g.fn1("f", (Integer v) -> {
      calls.hit("f");
      return v;
    }).call(g.source("x", 1));
    assertThat(n.get()).isEqualTo(1);
    assertThat(n.get()).isEqualTo(1);
    assertThat(calls.of("f")).isEqualTo(1);
    assertThat(g.events().any()).isFalse(); // no recorder: the engine's events cost one length check, as before
    assertThatThrownBy(g::stats)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Graph.builder().recordStats()");
  }

  @Test
  void snapshotsAreImmutableAndSubtract() {
    Graph g = Graph.builder().sequential().recordStats().build();
    Source<Integer> x = g.source("x", 1);
    Node<Integer> n = g.fn1("f", (Integer v) -> v + 1).call(x);
    n.get();
    GraphStats first = g.stats();
    x.set(2);
    n.get();
    GraphStats second = g.stats();
    assertThat(first.of("f").runs()).isEqualTo(1); // unchanged by later work
    assertThat(second.minus(first).of("f").runs()).isEqualTo(1);
    assertThat(second.minus(first).of("f").cacheHits()).isEqualTo(second.of("f").cacheHits() - first.of("f").cacheHits());
    assertThatThrownBy(() -> first.minus(second))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'f'");
    assertThatThrownBy(() -> second.byFunction().put("g", FnStats.none()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aFailingRecorderNeverReachesTheEvaluation() {
    // The recorder is an ordinary listener of Events, which catches whatever a listener throws: a throwing
    // listener beside it leaves both the evaluation and the counts intact.
    Graph g = Graph.builder().sequential().recordStats().build();
    g.addListener(new GraphListener() {
      @Override
      public void nodeFinished(Node<?> node, long nanos, boolean changed) {
        throw new OutOfMemoryError("listener failure (expected by the test)");
      }
    });
    Node<Integer> n = g.fn1("f", (Integer v) -> v * 3).call(g.source("x", 2));
    assertThat(n.get()).isEqualTo(6);
    assertThat(g.stats().of("f").runs()).isEqualTo(1);
  }
}
