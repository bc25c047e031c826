package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * At the stack limit a claim can be given back without waking those who wait for it: the last frame that can give
 * it back does so by a field write (a call could overflow), and a wake-up run by {@code CompletableFuture} on the
 * releasing thread can overflow inside it and be swallowed. A waiting {@code get()} must find such a claim gone by
 * itself. Here the claim is given back exactly that way, by clearing the node's claim field, while the first run
 * still holds its (never completed) computation.
 */
class LostWakeUpTest {

  /**
   * A sequential graph's drainer batches its decrements of one dependent's pending count (a fan-in's leaves,
   * resolved one after the other, cost one atomic operation) and pays them before it waits for work from other
   * threads. Here the fan-in's first argument runs on an executor of its own and finishes only once the drainer has
   * run every other leaf, so its resolution comes from another thread while the drainer owes the rest, or after it
   * paid: either way the sum runs once and the get ends. Without the payment before waiting, the sum's count never
   * reaches zero: the get times out.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFanInWhoseLastArgumentResolvesOnAnotherThreadFinishes(String mode, Supplier<Graph> graphs)
      throws Exception {
    Graph g = graphs.get();
    int width = 100;
    CountDownLatch leavesRan = new CountDownLatch(width);
    ExecutorService elsewhere = Executors.newSingleThreadExecutor();
    try {
      AtomicInteger sums = new AtomicInteger();
      Fn1<Integer, Integer> leaf = g.fn1("Leaf", x -> {
        leavesRan.countDown();
        return x;
      });
      Fn1<Integer, Integer> away = g.fn1("Away", x -> {
        Latches.awaitUninterruptibly(leavesRan);
        return x;
      });
      FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> {
        sums.incrementAndGet();
        return xs.stream().mapToInt(Integer::intValue).sum();
      });
      java.util.List<Node<Integer>> args = new java.util.ArrayList<>();
      args.add(away.call(1000).executor(elsewhere));
      for (int i = 0; i < width; i++) {
        args.add(leaf.call(i));
      }
      Node<Integer> root = sum.call(args);

      assertThat(root.get(java.time.Duration.ofSeconds(20))).isEqualTo(1000 + width * (width - 1) / 2);
      assertThat(sums.get()).isEqualTo(1);
    } finally {
      elsewhere.shutdownNow();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aWaiterFindsAClaimGivenBackWithoutAWakeUp(String mode, Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    CountDownLatch firstRunEntered = new CountDownLatch(1);
    CountDownLatch firstRunMayEnd = new CountDownLatch(1);
    AtomicInteger runs = new AtomicInteger();
    Source<Integer> s = g.source("s", 1);
    Fn1<Integer, Integer> slow = g.fn1("Slow", x -> {
      if (runs.incrementAndGet() == 1) {
        firstRunEntered.countDown();
        Latches.awaitUninterruptibly(firstRunMayEnd);
      }
      return x * 10;
    });
    Node<Integer> n = slow.call(s);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first = threads.submit(() -> n.get());
      assertThat(firstRunEntered.await(10, TimeUnit.SECONDS)).as("the first run started").isTrue();
      AbstractNode<?> node = (AbstractNode<?>) n;
      assertThat(node.inflight).as("the first run's claim").isNotNull();

      AtomicReference<Thread> waiter = new AtomicReference<>();
      Future<Integer> second = threads.submit(() -> {
        waiter.set(Thread.currentThread());
        return n.get();
      });
      // The second get() waits for the claim: its thread parks with a timeout (the first one parks without).
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (waiter.get() == null || waiter.get().getState() != Thread.State.TIMED_WAITING) {
        assertThat(System.nanoTime()).as("the second get() should be waiting for the claim").isLessThan(deadline);
        Thread.onSpinWait();
      }

      node.inflight = null; // given back as at the stack limit: a field write, no wake-up

      assertThat(second.get(10, TimeUnit.SECONDS)).as("the waiter's value, once it found the claim gone").isEqualTo(10);
      assertThat(runs).as("the waiter ran the function itself").hasValue(2);
      firstRunMayEnd.countDown();
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(10);
    } finally {
      firstRunMayEnd.countDown();
      threads.shutdownNow();
    }
  }
}
