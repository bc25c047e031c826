package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A sequential graph's plain {@code get()} runs each fresh leaf of constants as soon as its plan finds it
 * ({@code Evaluation.plan}, "eager"), and a wide node reads its arguments in one pass ({@code CallNode.claimed}):
 * the per-node cost work of issue 10, item 3. These tests pin down when the plan runs leaves, and that everything
 * the ready list did still holds when it does: failures, sharing, waiting for another evaluation's claim, a node's
 * own executor, and the type check of a wide node's arguments.
 */
class PlanRunsLeavesTest {
  /** A fan-in of {@code width} leaves whose functions record whether they ran as their plan's eager step. */
  private record FanIn(Node<Integer> sum, AtomicInteger eager, AtomicInteger runs) {}

  private static FanIn fanIn(Graph g, int width) {
    AtomicInteger eager = new AtomicInteger();
    AtomicInteger runs = new AtomicInteger();
    Fn1<Integer, Integer> square = g.fn1("Square", x -> {
      runs.incrementAndGet();
      Computation c = Computation.current();
      if (c.evaluation.eagerStep == c) {
        eager.incrementAndGet();
      }
      return x * x;
    });
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    List<Node<Integer>> leaves = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      leaves.add(square.call(i));
    }
    return new FanIn(sum.call(leaves), eager, runs);
  }

  private static int sumOfSquares(int width) {
    int s = 0;
    for (int i = 0; i < width; i++) {
      s += i * i;
    }
    return s;
  }

  @Test
  void aSequentialGetRunsEachFreshLeafAsItsPlanFindsIt() {
    FanIn f = fanIn(Graph.builder().sequential().build(), 20);

    assertThat(f.sum().get()).isEqualTo(sumOfSquares(20));
    assertThat(f.runs().get()).isEqualTo(20);
    assertThat(f.eager().get()).as("leaves run by the plan itself").isEqualTo(20);
  }

  @Test
  void withAListenerTimedOrParallelTheLeavesWaitForThePlanToEnd() throws Exception {
    // A listener hears evaluationStarted before any node of the evaluation: the plan must end first.
    Graph heard = Graph.builder().sequential().build();
    heard.addListener(new GraphListener() {});
    FanIn f = fanIn(heard, 20);
    assertThat(f.sum().get()).isEqualTo(sumOfSquares(20));
    assertThat(f.eager().get()).isZero();

    // A timed get runs its work on a thread of its own, never on the caller.
    FanIn timed = fanIn(Graph.builder().sequential().build(), 20);
    assertThat(timed.sum().get(Duration.ofSeconds(20))).isEqualTo(sumOfSquares(20));
    assertThat(timed.eager().get()).isZero();

    // A parallel graph hands its ready leaves out to the pool.
    FanIn parallel = fanIn(Graph.create(), 20);
    assertThat(parallel.sum().get()).isEqualTo(sumOfSquares(20));
    assertThat(parallel.eager().get()).isZero();
    assertThat(parallel.runs().get()).isEqualTo(20);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFailedLeafSharedByTwoNodesRunsOnceIsReportedOnceAndFailsBoth(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<Integer, Integer> leaf = g.fn1("Leaf", x -> {
      runs.hit("Leaf");
      if (x == 2) {
        throw new IllegalStateException("bad leaf");
      }
      return x;
    });
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (a, b) -> {
      runs.hit("Add");
      return a + b;
    });
    Node<Integer> shared = leaf.call(2);
    Node<Integer> left = add.call(leaf.call(1), shared);
    Node<Integer> right = add.call(shared, leaf.call(3));
    Node<Integer> top = add.call(left, right);

    EvaluationException e = catchThrowableOfType(EvaluationException.class, top::get);

    assertThat(e.failures()).singleElement().satisfies(failure -> {
      assertThat(failure.node()).isEqualTo("Leaf#1");
      assertThat(failure.path()).containsExactly("Add#3", "Add#2", "Leaf#1"); // the plan reached it through Add#2 first
    });
    assertThat(runs.of("Leaf")).isEqualTo(3);
    assertThat(runs.of("Add")).as("no node above the failure runs").isZero();
    assertThat(leaf.call(1).get()).isEqualTo(1); // the sibling's value was kept
    assertThat(runs.of("Leaf")).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aLeafTheOtherGetIsRunningIsWaitedForNotRunAgain(String mode, Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    CountDownLatch slowStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch lastLeafRan = new CountDownLatch(1);
    Counter runs = new Counter();
    Fn1<Integer, Integer> slow = g.fn1("Slow", x -> {
      runs.hit("Slow");
      slowStarted.countDown();
      Latches.awaitUninterruptibly(release);
      return x;
    });
    Fn1<Integer, Integer> quick = g.fn1("Quick", x -> {
      runs.hit("Quick");
      if (x == 3) {
        lastLeafRan.countDown();
      }
      return x;
    });
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    Node<Integer> held = slow.call(10);
    Node<Integer> top = sum.call(quick.call(1), held, quick.call(2), quick.call(3));
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first = threads.submit(() -> held.get());
      assertThat(slowStarted.await(20, TimeUnit.SECONDS)).isTrue();
      Future<Integer> second = threads.submit(() -> top.get());
      // Quick(3) comes after Slow in the plan: once it ran (in a sequential graph), the second get has found Slow
      // claimed and waits for it; in a parallel one it may find Slow claimed, or current after the release.
      assertThat(lastLeafRan.await(20, TimeUnit.SECONDS)).isTrue();
      release.countDown();

      assertThat(first.get(20, TimeUnit.SECONDS)).isEqualTo(10);
      assertThat(second.get(20, TimeUnit.SECONDS)).isEqualTo(16);
      assertThat(runs.of("Slow")).isEqualTo(1);
      assertThat(runs.of("Quick")).isEqualTo(3);
    } finally {
      release.countDown();
      threads.shutdownNow();
    }
  }

  @Test
  void aLeafWithItsOwnExecutorRunsThereAndItsFanInWaitsForIt() throws Exception {
    Graph g = Graph.builder().sequential().build();
    ExecutorService own = Executors.newSingleThreadExecutor(r -> new Thread(r, "own-executor"));
    try {
      List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
      Fn1<Integer, Integer> leaf = g.fn1("Leaf", x -> {
        threads.add(Thread.currentThread().getName());
        return x * 10;
      });
      FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
      Node<Integer> away = leaf.call(2).executor(own);
      Node<Integer> top = sum.call(leaf.call(1), away, leaf.call(3));

      assertThat(top.get()).isEqualTo(60);
      assertThat(threads).hasSize(3).containsOnlyOnce("own-executor");
    } finally {
      own.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aWideNodeNamesItsFirstArgumentOfTheWrongTypeAndRunsNot(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<Integer, Object> asIs = g.fn1("AsIs", x -> x == 2 ? "two" : x == 4 ? (Object) 4L : x);
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> {
      runs.hit("Sum");
      return xs.size();
    });
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      args.add(asIs.call(i));
    }
    Node<Integer> top = sum.call(args);

    EvaluationException e = catchThrowableOfType(EvaluationException.class, top::get);

    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 3 of 'Sum#1' is node 'AsIs#3', which produced a java.lang.String (two)");
    assertThat(runs.of("Sum")).isZero();
  }

  /**
   * A wide node's first run takes the argument values its plan gathered ({@code
   * Evaluation.Entry.Collecting#gathered}), here of arguments found current (run by earlier gets): it is still
   * recorded as their dependent, so a later change below one of them reaches it, and it runs once per change.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aWideNodesFirstRunOverCurrentArgumentsStillHearsOfTheirChanges(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    List<Source<Integer>> sources = List.of(g.source("a", 1), g.source("b", 2), g.source("c", 3));
    Fn2<Integer, Integer, Integer> mid = g.fn2("Mid", (v, i) -> {
      runs.hit("Mid");
      return v * 100 + i;
    });
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> {
      runs.hit("Sum");
      return xs.stream().mapToInt(Integer::intValue).sum();
    });
    int width = 3 * Evaluation.Entry.GATHER_WIDTH;
    List<Node<Integer>> mids = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      Node<Integer> m = mid.call(sources.get(i % 3), i);
      m.get(); // current before the sum is planned
      mids.add(m);
    }
    Node<Integer> top = sum.call(mids);
    int[] v = {1, 2, 3};
    Supplier<Integer> expected = () -> {
      int s = 0;
      for (int i = 0; i < width; i++) {
        s += v[i % 3] * 100 + i;
      }
      return s;
    };

    assertThat(top.get()).isEqualTo(expected.get());
    sources.get(1).set(7);
    v[1] = 7;
    assertThat(top.get()).as("after a change below a third of the arguments").isEqualTo(expected.get());

    assertThat(runs.of("Sum")).isEqualTo(2);
    assertThat(runs.of("Mid")).isEqualTo(width + width / 3);
  }

  /**
   * A wide node's first run over fresh leaves (gathered as the plan runs them): a leaf of the wrong type is named
   * (it is left for the node's own pass), one passed twice counts twice, and a later change below a leaf reaches
   * the node.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aWideNodesFirstRunOverFreshLeavesNamesTheWrongTypeAndCountsARepeatedArgumentTwice(String mode,
      Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<Integer, Object> asIs = g.fn1("AsIs", x -> x == 13 ? "thirteen" : x);
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> {
      runs.hit("Sum");
      return xs.stream().mapToInt(Integer::intValue).sum();
    });
    int width = 2 * Evaluation.Entry.GATHER_WIDTH;
    List<Object> bad = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      bad.add(asIs.call(i));
    }
    EvaluationException e = catchThrowableOfType(EvaluationException.class, sum.call(bad)::get);
    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 14 of 'Sum#1' is node 'AsIs#14', which produced a java.lang.String");
    assertThat(runs.of("Sum")).isZero();

    Source<Integer> base = g.source("base", 1000);
    Fn2<Integer, Integer, Integer> plus = g.fn2("Plus", Integer::sum);
    Fn1<Integer, Integer> id = g.fn1("Id", x -> x);
    List<Node<Integer>> good = new ArrayList<>();
    for (int i = 0; i < width; i++) {
      good.add(i == 5 ? plus.call(base, i) : id.call(i));
    }
    good.add(good.get(5)); // the same node twice
    Node<Integer> top = sum.call(good);
    int leaves = width * (width - 1) / 2 - 5;
    assertThat(top.get()).isEqualTo(leaves + 2 * 1005);
    base.set(2000);
    assertThat(top.get()).as("after a change below the repeated argument").isEqualTo(leaves + 2 * 2005);
  }
}
