package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 9, items 1, 2 and 4: every read made for a function is recorded, or refused with advice. */
class TrackingTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void readsThroughGetAsyncInsideAFunctionAreRecorded(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Source<Integer> x = g.source("x", 2);
    Source<Integer> y = g.source("y", 3);
    Node<Integer> s = g.computed("s", () -> x.getAsync().join() + y.getAsync().join());

    assertThat(s.get()).isEqualTo(5);
    assertThat(s.dependencies()).containsExactly(x, y);
    x.set(10);
    assertThat(s.state()).isEqualTo(NodeState.STALE);
    assertThat(s.get()).isEqualTo(13);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aReadOnAWorkerOfTheCommonPoolForARunningFunctionIsRefusedWithAdvice(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Source<Integer> y = g.source("y", 3);
    Node<Integer> s = g.computed("s", () -> {
      Object got = readOnTheCommonPool(y);
      if (got instanceof RuntimeException e) {
        throw e;
      }
      return (Integer) got;
    });

    assertThatThrownBy(s::get).isInstanceOf(EvaluationException.class)
        .hasRootCauseInstanceOf(IllegalStateException.class)
        .rootCause().hasMessageContaining("'y' was read on").hasMessageContaining("Node.getAll");
  }

  /**
   * The thread running a get()'s entries counts itself as running the graph's functions while it does (not once per
   * function run): that count must end with the get(), however it ends, or every later read on a worker of the
   * common pool would be refused.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aReadOnAWorkerOfTheCommonPoolAfterGetReturnedOrThrewIsAllowed(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Fn1<Integer, Integer> twice = g.fn1("Twice", x -> 2 * x);
    Node<Integer> a = twice.call(1);
    Node<Integer> b = twice.call(a);
    Node<Integer> reading = g.computed("reading", () -> b.get() + 1); // a nested evaluation on the same thread
    Node<Integer> bad = twice.call(g.computed("bad", () -> {
      throw new IllegalStateException("bad");
    }));
    Node<Integer> later = twice.call(reading);

    assertThat(reading.get()).isEqualTo(5);
    assertThatThrownBy(bad::get).isInstanceOf(EvaluationException.class);
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(later::get).isInstanceOf(java.util.concurrent.CancellationException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(g.isRunningFunctions()).as("no function runs, none is counted").isFalse();
    assertThat(readOnTheCommonPool(later)).isEqualTo(10);
  }

  /** {@code n.get()} on a worker of the common pool: its value, or what it threw. */
  static Object readOnTheCommonPool(Node<?> n) {
    AtomicReference<Object> got = new AtomicReference<>();
    CountDownLatch done = new CountDownLatch(1);
    ForkJoinPool.commonPool().execute(() -> { // surely on a worker: nobody helps with an execute()
      try {
        got.set(n.get());
      } catch (Throwable t) {
        got.set(t);
      } finally {
        done.countDown();
      }
    });
    SnapshotTest.await(done);
    return got.get();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aParallelStreamOfReadsIsEitherRefusedOrRecordedInFull(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    List<Source<Integer>> ys = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      ys.add(g.source("y" + i, i));
    }
    Node<Integer> sum = g.computed("sum", () -> ys.parallelStream().mapToInt(Node::get).sum());
    try {
      assertThat(sum.get()).isEqualTo(2016);
      assertThat(sum.dependencies()).as("no worker took part: every read was recorded").hasSize(64);
    } catch (EvaluationException refused) {
      assertThat(refused).rootCause().hasMessageContaining("Node.getAll");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void getAllInsideAFunctionRecordsEveryRead(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Fn1<Integer, Integer> twice = g.fn1("Twice", x -> 2 * x);
    List<Source<Integer>> ys = new ArrayList<>();
    List<Node<Integer>> parts = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      Source<Integer> y = g.source("y" + i, i);
      ys.add(y);
      parts.add(twice.call(y));
    }
    Node<Integer> sum = g.computed("sum", () -> Node.getAll(parts).stream().mapToInt(i -> i).sum());

    assertThat(sum.get()).isEqualTo(4032);
    assertThat(sum.dependencies()).hasSize(64);
    ys.get(63).set(1063);
    assertThat(sum.get()).isEqualTo(6032);
  }

  @Test
  void getAllInsideAFunctionRunsTheReadsInParallel() {
    Graph g = Graph.create();
    CyclicBarrier both = new CyclicBarrier(2);
    Fn1<Integer, Integer> meet = g.fn1("Meet", x -> {
      try {
        both.await(20, TimeUnit.SECONDS); // only passes if the two run at the same time
      } catch (Exception e) {
        throw new IllegalStateException("not run in parallel", e);
      }
      return x;
    });
    Node<Integer> a = meet.call(1);
    Node<Integer> b = meet.call(2);
    Node<Integer> sum = g.computed("sum", () -> Node.getAll(List.of(a, b)).stream().mapToInt(i -> i).sum());
    assertThat(sum.get()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFunctionMayReadNodesOfAnotherGraphAndIsRecomputedWhenTheyChange(String mode, Supplier<Graph> graphs) {
    Graph shared = graphs.get();
    Source<Integer> x = shared.source("x", 2);
    Fn1<Integer, Integer> sq = shared.fn1("Sq", v -> v * v);
    Node<Integer> sqx = sq.call(x);
    Graph mine = graphs.get();
    Counter runs = new Counter();
    Node<Integer> plusOne = mine.computed("plusOne", () -> {
      runs.hit("plusOne");
      return sqx.get() + 1;
    });

    assertThat(plusOne.get()).isEqualTo(5);
    x.set(3);
    assertThat(plusOne.state()).isEqualTo(NodeState.STALE);
    assertThat(plusOne.get()).isEqualTo(10);
    assertThat(plusOne.get()).isEqualTo(10);
    assertThat(runs.of("plusOne")).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aCycleAcrossTwoGraphsIsReported(String mode, Supplier<Graph> graphs) {
    Graph g1 = graphs.get();
    Graph g2 = graphs.get();
    AtomicReference<Node<Integer>> b = new AtomicReference<>();
    Node<Integer> a = g1.computed("a", () -> b.get().get() + 1);
    b.set(g2.computed("b", () -> a.get() + 1));

    assertThatThrownBy(a::get).isInstanceOf(EvaluationException.class)
        .hasRootCauseInstanceOf(CycleException.class).rootCause().hasMessageMatching(".*(a -> b -> a|b -> a -> b).*");
  }
}
