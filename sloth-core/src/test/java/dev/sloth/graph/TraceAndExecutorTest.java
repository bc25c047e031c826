package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 3, items 4 and 5: maximal trace length, and per-node executors. */
class TraceAndExecutorTest {

  @Test
  void tenMillionRecordedCallsRunInBoundedMemoryWithMaxTrace() {
    Graph g = Graph.builder().sequential().maxTrace(10_000).build();
    Fn1<Long, Long> inc = g.fn1("Inc", x -> x + 1);
    long baseline = usedHeapAfterGc(g);
    long worst = 0;

    Node<Long> x = inc.call(0L);
    for (int i = 1; i < 10_000_000; i++) {
      x = inc.call(x);
      if (i % 2_000_000 == 0) {
        worst = Math.max(worst, usedHeapAfterGc(g) - baseline);
      }
    }

    assertThat(x.get()).isEqualTo(10_000_000L);
    assertThat(worst).as("heap stays bounded while recording").isLessThan(64L << 20);
    assertThat(g.size()).as("old calls were frozen and collected").isLessThan(100_000);
  }

  @Test
  void maxTraceEvaluatesPendingCallsWithoutAGet() {
    Graph g = Graph.builder().sequential().maxTrace(3).build();
    Counter runs = new Counter();
    Fn1<Integer, Integer> f = g.fn1("F", x -> { runs.hit("F"); return x; });

    f.call(1);
    f.call(2);
    f.call(3);
    assertThat(runs.total()).as("within the limit nothing runs").isZero();
    Node<Integer> fourth = f.call(4);

    assertThat(runs.total()).as("past the limit the pending calls ran").isEqualTo(4);
    assertThat(fourth.state()).isEqualTo(NodeState.VALID);
  }

  /**
   * A function that records calls while it runs (a computed node building a subgraph) cannot flush them (a flush
   * would run them as its reads): the references of calls nobody holds any more are dropped as it goes, so the
   * queue does not keep one per call ever made, and the next call recorded outside a function flushes the rest.
   */
  @Test
  void callsRecordedInsideARunningFunctionDoNotPileUp() {
    Graph g = Graph.builder().sequential().maxTrace(100).build();
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    Fn1<Integer, Integer> build = g.fn1("Build", rounds -> {
      for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < 10_000; i++) {
          inc.call(r * 10_000 + i); // recorded inside this run, and dropped at once
        }
        System.gc(); // clears them: the purge in the next hundred calls drops their references
      }
      return rounds;
    });

    assertThat(build.call(5).get()).isEqualTo(5);
    Trace trace = g.registry().trace();
    assertThat(trace.pendingCount()).as("only the last round's calls, not yet collected, are left")
        .isLessThan(10_000 + 2 * 100);

    Node<Integer> outside = inc.call(-1);
    assertThat(trace.pendingCount()).as("a call outside a function flushed them").isZero();
    assertThat(outside.state()).isEqualTo(NodeState.VALID);
  }

  /**
   * A purge walks the whole queue: a function that records calls and keeps them all alive must not pay a walk per
   * call (with a limit of 1 that was one walk of the queue for every call, quadratic), only when the queue may have
   * doubled.
   */
  @Test
  void callsKeptAliveInsideAFunctionArePurgedRarely() {
    Graph g = Graph.builder().sequential().maxTrace(1).build();
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    java.util.List<Node<Integer>> kept = new java.util.ArrayList<>();
    Fn1<Integer, Integer> build = g.fn1("Build", n -> {
      for (int i = 0; i < n; i++) {
        kept.add(inc.call(i)); // recorded inside this run, and kept
      }
      return n;
    });

    assertThat(build.call(20_000).get()).isEqualTo(20_000);
    Trace trace = g.registry().trace();
    assertThat(trace.pendingCount()).as("all kept, so all still queued").isGreaterThanOrEqualTo(20_000);
    assertThat(trace.purges()).as("purges for 20,000 calls kept alive").isLessThanOrEqualTo(20);
  }

  /**
   * The count of calls since the last flush is an {@code int}: recording inside a function past 2^31 calls must not
   * wrap it to a negative number, which would stop the flushes for the next 2^31 calls.
   */
  @Test
  void aCountPastTheIntRangeStillFlushes() {
    Graph g = Graph.builder().sequential().maxTrace(3).build();
    Counter runs = new Counter();
    Fn1<Integer, Integer> f = g.fn1("F", x -> { runs.hit("F"); return x; });
    Fn1<Integer, Integer> inside = g.fn1("Inside", n -> {
      for (int i = 0; i < 10; i++) {
        f.call(1_000 + i);
      }
      return n;
    });
    Node<Integer> builder = inside.call(0);
    g.registry().trace().countForTest(Integer.MAX_VALUE - 4); // as after 2^31 - 5 calls since the last flush

    assertThat(builder.get()).isZero(); // its ten calls pass Integer.MAX_VALUE
    assertThat(runs.total()).as("recorded inside a function: not run there").isZero();
    Node<Integer> later = f.call(7);

    assertThat(later.state()).as("the next call outside a function flushed").isEqualTo(NodeState.VALID);
    assertThat(runs.total()).isEqualTo(11);
  }

  @Test
  void maxTraceDoesNotFreezeWhatDependsOnASource() {
    Graph g = Graph.builder().sequential().maxTrace(2).build();
    Source<Integer> s = g.source("s", 1);
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    Node<Integer> a = inc.call(s);
    Node<Integer> b = inc.call(a);
    Node<Integer> c = inc.call(b); // flushes: all three run

    s.set(10);

    assertThat(c.get()).isEqualTo(13);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aNodeRunsOnItsOwnExecutorAndNowhereElse(String mode, Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    ExecutorService single = Executors.newSingleThreadExecutor(r -> new Thread(r, "single-" + mode));
    try {
      Set<String> ranOn = ConcurrentHashMap.newKeySet();
      Set<String> othersRanOn = ConcurrentHashMap.newKeySet();
      Fn1<Integer, Integer> special = g.fn1("Special", x -> { ranOn.add(Thread.currentThread().getName()); return x * 2; });
      Fn1<Integer, Integer> plain = g.fn1("Plain", x -> { othersRanOn.add(Thread.currentThread().getName()); return x + 1; });
      Node<Integer> s1 = special.call(1).executor(single);
      Node<Integer> s2 = special.call(plain.call(5)).executor(single);
      Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);

      assertThat(plain.call(add.call(s1, s2)).get()).isEqualTo(2 + 12 + 1);
      assertThat(ranOn).containsExactly("single-" + mode);
      assertThat(othersRanOn).doesNotContain("single-" + mode);
    } finally {
      single.shutdownNow();
    }
  }

  @Test
  void aSourceTakesNoExecutor() {
    Graph g = Graph.create();
    assertThatThrownBy(() -> g.source("s", 1).executor(Runnable::run))
        .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("'s'");
  }

  /** Heap in use once collected nodes have also left the graph's (weak) node table. */
  private static long usedHeapAfterGc(Graph g) {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 4; i++) {
      System.gc();
      g.size(); // drops the table entries of nodes the collector cleared
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
