package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A function running on a worker of the engine's own pools is counted in the worker's frame ({@link
 * Computation.Frame#runningOf}), not in its graph's counter: a read it hands to the common pool is still refused, so
 * is one made by a function it reads in this graph or another, and nothing stays counted once the runs are over,
 * however they end.
 */
class WorkerCountTest {
  private static final int LEAVES = 200; // wide enough to be handed to the pool in chunks

  @Test
  void aReadHandedToTheCommonPoolByAFunctionOnAWorkerIsRefused() {
    Graph g = Graph.create();
    Source<Integer> y = g.source("y", 3);
    Queue<Object> onWorkers = new ConcurrentLinkedQueue<>();
    Fn1<Integer, Integer> probe = g.fn1("Probe", x -> {
      if (Thread.currentThread() instanceof Pools.Worker) {
        onWorkers.add(TrackingTest.readOnTheCommonPool(y));
      }
      return x;
    });

    assertThat(sumOf(g, probe).get()).isEqualTo(LEAVES * (LEAVES - 1) / 2);
    assertThat(onWorkers).as("leaves ran on the pool").isNotEmpty();
    assertThat(onWorkers).allSatisfy(got -> assertThat(got).isInstanceOf(IllegalStateException.class)
        .asString().contains("'y' was read on"));
    assertThat(g.isRunningFunctions()).isFalse();
    assertThat(TrackingTest.readOnTheCommonPool(y)).isEqualTo(3);
  }

  @Test
  void functionsNestedInOneOnAWorkerAreCountedInItsGraphAndInAnother() {
    Graph g = Graph.create();
    Graph h = Graph.create();
    Source<Integer> y = g.source("y", 3);
    Source<Integer> z = h.source("z", 4);
    Queue<Object> sameGraph = new ConcurrentLinkedQueue<>();
    Queue<Object> otherGraph = new ConcurrentLinkedQueue<>();
    Fn1<Integer, Integer> inner = g.fn1("Inner", x -> {
      if (Thread.currentThread() instanceof Pools.Worker) {
        sameGraph.add(TrackingTest.readOnTheCommonPool(y));
      }
      return x;
    });
    Fn1<Integer, Integer> elsewhere = h.fn1("Elsewhere", x -> {
      if (Thread.currentThread() instanceof Pools.Worker) {
        otherGraph.add(TrackingTest.readOnTheCommonPool(z));
      }
      return x;
    });
    Fn1<Integer, Integer> outer = g.fn1("Outer", x -> inner.call(x + 1000).get() + elsewhere.call(x).get());

    assertThat(sumOf(g, outer).get()).isEqualTo(LEAVES * (LEAVES - 1) + 1000 * LEAVES);
    assertThat(sameGraph).as("nested functions ran on the pool").isNotEmpty();
    assertThat(sameGraph).allSatisfy(got -> assertThat(got).isInstanceOf(IllegalStateException.class)
        .asString().contains("'y' was read on"));
    assertThat(otherGraph).isNotEmpty().allSatisfy(got -> assertThat(got).isInstanceOf(IllegalStateException.class)
        .asString().contains("'z' was read on"));
    assertThat(g.isRunningFunctions()).isFalse();
    assertThat(h.isRunningFunctions()).isFalse();
    assertThat(TrackingTest.readOnTheCommonPool(y)).isEqualTo(3);
    assertThat(TrackingTest.readOnTheCommonPool(z)).isEqualTo(4);
  }

  @Test
  void functionsThatThrowOnWorkersLeaveNothingCounted() {
    Graph g = Graph.builder().parallelism(2).build();
    Source<Integer> y = g.source("y", 3);
    Fn1<Integer, Integer> failing = g.fn1("Failing", x -> {
      if (x % 3 == 0) {
        throw new IllegalStateException("leaf " + x);
      }
      if (x % 3 == 1) {
        throw new AssertionError("an Error from leaf " + x);
      }
      return x;
    });

    assertThatThrownBy(sumOf(g, failing)::get).isInstanceOf(EvaluationException.class);
    assertThat(((ForkJoinPool) Pools.cpu(2)).awaitQuiescence(20, TimeUnit.SECONDS)).isTrue();
    assertThat(g.isRunningFunctions()).as("no function runs, none is counted").isFalse();
    assertThat(TrackingTest.readOnTheCommonPool(y)).isEqualTo(3);
  }

  @Test
  void aWorkersFrameCountsAFunctionOnlyWhileItRuns() {
    Graph g = Graph.builder().parallelism(1).build();
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    AtomicReference<Thread> ranOn = new AtomicReference<>();
    Node<Integer> slow = g.computed("slow", () -> {
      ranOn.set(Thread.currentThread());
      running.countDown();
      SnapshotTest.await(finish);
      return 1;
    });
    Node<Integer> both = g.fnN("Both", Integer.class, xs -> xs.size()).call(List.of(slow, g.computed("two", () -> 2)));
    var result = both.getAsync();
    SnapshotTest.await(running);

    assertThat(ranOn.get()).isInstanceOf(Pools.Worker.class);
    assertThat(g.isRunningFunctions()).as("slow runs").isTrue();
    finish.countDown();
    assertThat(result.join()).isEqualTo(2);
    assertThat(g.isRunningFunctions()).isFalse();
  }

  private static Node<Integer> sumOf(Graph g, Fn1<Integer, Integer> leaf) {
    List<Node<Integer>> leaves = new ArrayList<>();
    for (int i = 0; i < LEAVES; i++) {
      leaves.add(leaf.call(i));
    }
    return g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum()).call(leaves);
  }
}
