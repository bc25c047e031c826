package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 3, item 1: future nodes and spinning tasks. */
class AsyncTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFutureNodeCompletesWhenItsFutureDoesWithNoThreadWaiting(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    CompletableFuture<Integer> remote = new CompletableFuture<>();
    Fn1<Integer, Integer> fetch = g.fnAsync1("Fetch", x -> { runs.hit("Fetch"); return remote.thenApply(v -> v + x); });
    Fn1<Integer, Integer> twice = g.fn1("Twice", x -> x * 2);
    Node<Integer> n = twice.call(fetch.call(1));

    CompletableFuture<Integer> result = n.getAsync();
    assertThat(result).isNotDone();
    remote.complete(20);

    assertThat(result.join()).isEqualTo(42);
    assertThat(n.get()).isEqualTo(42);
    assertThat(runs.of("Fetch")).as("cached like any node").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFailedFutureIsANodeFailure(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Fn1<Integer, Integer> fetch = g.fnAsync1("Fetch",
        x -> CompletableFuture.failedFuture(new java.io.UncheckedIOException(new java.io.IOException("refused"))));
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    Node<Integer> n = inc.call(fetch.call(1));

    EvaluationException e = catchThrowableOfType(EvaluationException.class, n::get);

    assertThat(e.failures()).singleElement().satisfies(f -> {
      assertThat(f.node()).isEqualTo("Fetch#1");
      assertThat(f.cause()).isInstanceOf(java.io.UncheckedIOException.class).hasMessageContaining("refused");
    });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFutureNodeIsInvalidatedLikeAnyOther(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Source<Integer> x = g.source("x", 1);
    Fn1<Integer, Integer> fetch = g.fnAsync1("Fetch", v -> CompletableFuture.supplyAsync(() -> v * 10));
    Node<Integer> n = fetch.call(x);
    assertThat(n.get()).isEqualTo(10);

    x.set(2);

    assertThat(n.state()).isEqualTo(NodeState.STALE);
    assertThat(n.get()).isEqualTo(20);
  }

  @Test
  void aSpinningTaskLearnsWhenItsConditionIsUsuallyMet() {
    Graph g = Graph.create();
    long delay = 100_000_000L; // the condition becomes true 100 ms after the task starts
    Fn1<Integer, Integer> recv = g.fnSpin1("Recv", (task, call) -> {
      long readyAt = System.nanoTime() + delay;
      for (int spin : task.spin()) {
        if (System.nanoTime() >= readyAt) {
          break;
        }
      }
      return task.spins();
    });

    int first = recv.call(1).get();
    int second = recv.call(2).get();
    int third = recv.call(3).get();
    int fourth = recv.call(4).get();

    // Unlearned, spins come every 1 ms: ~100 of them (fewer if the machine is loaded and wake-ups are late: 20 was
    // too many once at load 5 on 2 cores; 10 still tells a fixed pace from a learned one, which spins 5 at most).
    assertThat(first).as("unlearned: paced at a fixed 1 ms").isGreaterThanOrEqualTo(10);
    assertThat(Math.min(third, fourth)).as("learned: spins near the usual time").isLessThanOrEqualTo(5);
    assertThat(second).isLessThan(first);
  }

  @Test
  void aSpinningTaskHoldsNoPlatformThreadWhileItWaits() {
    Graph g = Graph.builder().parallelism(1).build();
    AtomicBoolean flag = new AtomicBoolean();
    Set<Boolean> virtual = ConcurrentHashMap.newKeySet();
    Fn0<String> waitForFlag = g.fnSpin0("WaitForFlag", task -> {
      virtual.add(Thread.currentThread().isVirtual());
      for (int spin : task.spin()) {
        if (flag.get()) {
          break;
        }
      }
      return "flag seen";
    });
    // On a one-thread pool, the setter can only run if the spinning task does not occupy that thread.
    Fn0<Boolean> setFlag = g.fn0("SetFlag", () -> { flag.set(true); return true; });
    Fn2<String, Boolean, String> both = g.fn2("Both", (a, b) -> a + " " + b);

    assertThat(both.call(waitForFlag.call(), setFlag.call()).get()).isEqualTo("flag seen true");
    assertThat(virtual).containsExactly(true);
  }

  @Test
  void spinCountsAreVisibleToTheFunction() {
    Graph g = Graph.builder().sequential().build();
    AtomicLong seen = new AtomicLong();
    Fn0<Integer> three = g.fnSpin0("Three", task -> {
      for (int spin : task.spin()) {
        if (spin == 3) {
          break;
        }
      }
      seen.set(task.elapsed().toNanos());
      return task.spins();
    });

    assertThat(three.call().get()).isEqualTo(3);
    assertThat(seen.get()).isPositive();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aGetOfAPendingFutureNodeTimesOutAndTheLateResultIsCached(String mode, Supplier<Graph> graphs)
      throws Exception {
    Graph g = graphs.get();
    Counter runs = new Counter();
    CompletableFuture<Integer> slow = new CompletableFuture<>();
    Fn0<Integer> fetch = g.fnAsync0("Fetch", () -> { runs.hit("Fetch"); return slow; });
    Node<Integer> n = fetch.call();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> n.get(java.time.Duration.ofMillis(30)))
        .isInstanceOf(java.util.concurrent.TimeoutException.class);
    slow.complete(7);

    assertThat(n.get()).isEqualTo(7);
    assertThat(runs.of("Fetch")).as("the timed-out run was kept, not restarted").isEqualTo(1);
  }

  @Test
  void aSpinningFunctionThatThrowsIsANodeFailureAndTeachesNothing() {
    Graph g = Graph.create();
    Fn1<Integer, Integer> flaky = g.fnSpin1("Flaky", (task, x) -> {
      for (int spin : task.spin()) {
        if (spin == 2) {
          throw new IllegalStateException("connection reset after " + spin + " spins");
        }
      }
      return x;
    });
    Node<Integer> n = g.fn1("Inc", (Integer v) -> v + 1).call(flaky.call(1));

    EvaluationException e = catchThrowableOfType(EvaluationException.class, n::get);

    assertThat(e.failures()).singleElement().satisfies(f -> {
      assertThat(f.node()).isEqualTo("Flaky#1");
      assertThat(f.path()).containsExactly("Inc#1", "Flaky#1");
      assertThat(f.cause()).hasMessageContaining("connection reset after 2 spins");
    });
  }

  /**
   * {@code getAsync()} of a node whose evaluation fails completes exceptionally with the same {@code
   * EvaluationException} {@code get()} throws (before: it completed normally with null, whether the node itself
   * threw or a node it depends on did; found by the sloth-cluster review through {@code RemoteNode.getAsync}).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void getAsyncOfAFailingNodeFailsWithTheEvaluationException(String mode, Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    Fn1<Integer, Integer> boom = g.fn1("Boom", x -> {
      if (x > 0) {
        throw new IllegalStateException("boom " + x);
      }
      return x;
    });
    Node<Integer> own = boom.call(1);
    Node<Integer> above = g.fn1("Inc", (Integer x) -> x + 1).call(boom.call(2));

    for (Node<Integer> n : java.util.List.of(own, above)) {
      CompletableFuture<Integer> f = n.getAsync();
      java.util.concurrent.ExecutionException e = org.assertj.core.api.Assertions.catchThrowableOfType(
          java.util.concurrent.ExecutionException.class, () -> f.get(10, java.util.concurrent.TimeUnit.SECONDS));
      assertThat(e).as("getAsync of %s failed", n.name()).isNotNull();
      assertThat(e.getCause()).isInstanceOf(EvaluationException.class);
      assertThat(((EvaluationException) e.getCause()).failures()).singleElement().satisfies(failure ->
          assertThat(failure.cause()).isInstanceOf(IllegalStateException.class).hasMessageStartingWith("boom"));
    }
    assertThat(boom.call(0).getAsync().get(10, java.util.concurrent.TimeUnit.SECONDS)).as("a value still").isZero();
  }
  /**
   * The future of an asynchronous function is completed by whatever thread the remote work ends on. A failure it
   * reports is the node's failure, even when that thread happens to be interrupted, or the failure is an
   * InterruptedException of the remote side: nobody stopped waiting for the node, so the caller must not be told
   * that its get() was interrupted (a CancellationException), nor the evaluation be cancelled.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFutureFailedOnAnInterruptedThreadIsTheNodesFailureNotAnInterruptOfTheCaller(String mode,
      Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    for (boolean interruptedCause : new boolean[] {false, true}) {
      for (boolean async : new boolean[] {false, true}) {
        CompletableFuture<Integer> remote = new CompletableFuture<>();
        java.util.concurrent.CountDownLatch called = new java.util.concurrent.CountDownLatch(1);
        Node<Integer> n = g.fnAsync1("Remote", (Integer x) -> { called.countDown(); return remote; })
            .call(interruptedCause ? 1 : 0);
        Node<Integer> top = g.fn1("Inc", (Integer x) -> x + 1).call(n);
        Throwable failure = interruptedCause
            ? new InterruptedException("the remote side was interrupted")
            : new IllegalStateException("remote says no");
        Thread completer = Thread.ofPlatform().start(() -> {
          Latches.awaitUninterruptibly(called);
          if (!interruptedCause) {
            Thread.currentThread().interrupt(); // e.g. a client's thread that is being shut down
          }
          remote.completeExceptionally(failure);
        });
        Throwable thrown;
        if (async) {
          CompletableFuture<Integer> f = top.getAsync();
          java.util.concurrent.ExecutionException e = catchThrowableOfType(
              java.util.concurrent.ExecutionException.class, () -> f.get(10, java.util.concurrent.TimeUnit.SECONDS));
          thrown = e == null ? null : e.getCause();
          assertThat(f.isCancelled()).as("%s: the future nobody cancelled", mode).isFalse();
        } else {
          thrown = org.assertj.core.api.Assertions.catchThrowable(top::get);
          assertThat(Thread.interrupted()).as("%s: the caller was never interrupted", mode).isFalse();
        }
        completer.join(10_000);
        assertThat(thrown).as("%s, async=%s, interrupted cause=%s", mode, async, interruptedCause)
            .isInstanceOf(EvaluationException.class);
        assertThat(((EvaluationException) thrown).failures()).singleElement().satisfies(f -> {
          assertThat(f.node()).isEqualTo(n.name());
          assertThat(f.cause()).isSameAs(failure);
        });
        g = graphs.get(); // a fresh node for the next case (the failure is not cached, it would run again)
      }
    }
  }
  /**
   * The other side of the rule above: an asynchronous function that the caller's interrupt reaches on its own thread
   * (it runs inline on the caller) and that returns an already failed future is judged as a plain function is: the
   * caller's get() throws CancellationException with its interrupt flag kept, and the node is not failed.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void anAsyncFunctionInterruptedOnTheCallersThreadIsAnInterruptNotAFailure(String mode, Supplier<Graph> graphs)
      throws Exception {
    Graph g = graphs.get();
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    Node<Integer> n = g.fnAsync0("Waits", () -> {
      if (!first.getAndSet(false)) {
        return CompletableFuture.completedFuture(5);
      }
      started.countDown();
      try {
        never.await(60, java.util.concurrent.TimeUnit.SECONDS);
        return CompletableFuture.completedFuture(-1);
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        return CompletableFuture.<Integer>failedFuture(ie);
      }
    }).call();
    java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
    AtomicBoolean flagKept = new AtomicBoolean();
    Thread caller = Thread.ofPlatform().start(() -> {
      try {
        n.get();
      } catch (Throwable t) {
        thrown.set(t);
        flagKept.set(Thread.currentThread().isInterrupted());
      }
    });
    assertThat(started.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    caller.join(10_000);
    assertThat(thrown.get()).as(mode).isInstanceOf(java.util.concurrent.CancellationException.class);
    assertThat(flagKept.get()).as("the interrupt flag is kept").isTrue();
    assertThat(n.state()).as("not the node's failure").isNotEqualTo(NodeState.FAILED);
    assertThat(n.get()).isEqualTo(5);
  }
}
