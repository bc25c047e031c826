package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 9, items 8 and 9: timeouts are honoured whoever runs what; an interrupt affects only its caller. */
class CancellationTest {

  private static final long SLACK_MS = 150; // the issue asks for 20 ms; a loaded 2-core CI machine needs more

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aTimeoutIsHonouredWhenTheRequestedNodesOwnFunctionIsSlow(String mode, Supplier<Graph> graphs)
      throws Exception {
    Graph g = graphs.get();
    CountDownLatch release = new CountDownLatch(1);
    Counter runs = new Counter();
    Node<Integer> slow = g.computed("slow", () -> {
      runs.hit("slow");
      SnapshotTest.await(release);
      return 7;
    });
    long start = System.nanoTime();
    assertThatThrownBy(() -> slow.get(Duration.ofMillis(100))).isInstanceOf(TimeoutException.class)
        .hasMessageContaining("'slow'").hasMessageContaining("functions already running finish and are cached");
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(100 + SLACK_MS);
    release.countDown();
    // As the message says: the running function finishes and is cached.
    assertThat(slow.get(Duration.ofSeconds(20))).isEqualTo(7);
    assertThat(runs.of("slow")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aTimeoutInsideAFunctionIsHonoured(String mode, Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    CountDownLatch release = new CountDownLatch(1);
    Node<Integer> slow = g.computed("slow", () -> {
      SnapshotTest.await(release);
      return 7;
    });
    Node<Long> waited = g.computed("waited", () -> {
      long start = System.nanoTime();
      try {
        slow.get(Duration.ofMillis(100));
        return -1L;
      } catch (TimeoutException expected) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      }
    });
    try {
      assertThat(waited.get(Duration.ofSeconds(20))).isBetween(90L, 100 + SLACK_MS);
    } finally {
      release.countDown();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void foreverIsATimeout(String mode, Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    Node<Integer> n = inc.call(1);
    assertThat(n.get(ChronoUnit.FOREVER.getDuration())).isEqualTo(2);
    Node<Integer> reader = g.computed("reader", () -> {
      try {
        return inc.call(5).get(ChronoUnit.FOREVER.getDuration());
      } catch (TimeoutException e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(reader.get()).isEqualTo(6);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void interruptingOneCallerDoesNotFailAnotherWaitingForTheSameNode(String mode, Supplier<Graph> graphs)
      throws Exception {
    Graph g = graphs.get();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Counter runs = new Counter();
    Node<Integer> n = g.computed("n", () -> {
      runs.hit("n");
      started.countDown();
      try {
        if (!release.await(20, TimeUnit.SECONDS)) {
          throw new IllegalStateException("not released");
        }
      } catch (InterruptedException e) {
        throw new IllegalStateException("interrupted", e); // what a typical function does
      }
      return 42;
    });
    AtomicReference<Throwable> aGot = new AtomicReference<>();
    Thread a = Thread.ofPlatform().start(() -> {
      try {
        n.get();
        aGot.set(new AssertionError("A was not interrupted"));
      } catch (Throwable t) {
        aGot.set(t);
      }
    });
    SnapshotTest.await(started); // A runs the function
    CompletableFuture<Integer> b = CompletableFuture.supplyAsync(n::get, Pools.VIRTUAL);
    awaitWaiting(n);
    a.interrupt();
    a.join(20_000);

    assertThat(aGot.get()).isInstanceOf(CancellationException.class);
    release.countDown();
    assertThat(b.get(20, TimeUnit.SECONDS)).as("B still gets the value").isEqualTo(42);
    assertThat(n.state()).isEqualTo(NodeState.VALID);
  }

  @Test
  void cancellingGetAsyncDropsTheWorkNobodyNeeds() throws Exception {
    Graph g = Graph.create();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    Counter runs = new Counter();
    g.addListener(new GraphListener() {
      @Override
      public void evaluationFinished(Node<?> n, boolean ok) {
        finished.countDown();
      }
    });
    Fn0<Integer> first = g.fn0("First", FnOptions.defaults().blocking(), () -> {
      runs.hit("First");
      started.countDown();
      SnapshotTest.await(release);
      return 1;
    });
    Fn1<Integer, Integer> next = g.fn1("Next", x -> {
      runs.hit("Next");
      return x + 1;
    });
    Node<Integer> last = next.call(next.call(first.call()));
    CompletableFuture<Integer> f = last.getAsync();
    SnapshotTest.await(started);
    assertThat(f.cancel(true)).isTrue();
    release.countDown();
    SnapshotTest.await(finished);

    assertThat(runs.of("First")).as("already running: finishes, cached").isEqualTo(1);
    assertThat(runs.of("Next")).as("not started, nobody needs it: dropped").isZero();
    assertThat(last.get()).isEqualTo(3);
    assertThat(runs.of("First")).isEqualTo(1);
  }

  @Test
  void aShutDownExecutorIsReportedForTheNodeItRejected() {
    ExecutorService pool = Executors.newFixedThreadPool(1);
    pool.shutdown();
    Graph g = Graph.builder().executor(pool).build();
    Fn1<Integer, Integer> sq = g.fn1("Sq", x -> x * x);
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);
    Node<Integer> n = add.call(sq.call(1), sq.call(2));

    assertThatThrownBy(n::get).isInstanceOf(EvaluationException.class)
        .hasMessageContaining("Sq#").hasMessageContaining("rejected").hasMessageNotContaining("$$Lambda")
        .hasMessageNotContaining("Lambda/");
  }

  /** Waits (bounded) until another evaluation waits on n's claim. */
  private static void awaitWaiting(Node<?> n) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (;;) {
      Computation claim = ((AbstractNode<?>) n).inflight;
      if (claim != null && claim.getNumberOfDependents() > 0) {
        return;
      }
      if (System.nanoTime() > end) {
        throw new AssertionError("nobody waits for " + n);
      }
      Thread.onSpinWait();
    }
  }
  /**
   * A cancelled getAsync must let go of its session, as a timed get() that gave up does: an open session pins the
   * revision it reads at, so every source of every graph keeps each version set after it. The future's evaluation
   * waits for a node whose future never completes (a lost response): before, its session stayed open until that
   * evaluation ended, that is forever, and the versions of every source piled up with each set.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aCancelledGetAsyncPinsNoRevision(String mode, Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    SourceNode<Integer> x = (SourceNode<Integer>) g.source("x", 0);
    long first = g.revision();
    for (int i = 1; i <= 10; i++) {
      x.set(i);
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(x.versionAt(first) == null,
        "no other session of this JVM pins an old revision");
    CountDownLatch called = new CountDownLatch(1);
    Node<Integer> lost = g.fnAsync0("Lost", () -> {
      called.countDown();
      return new CompletableFuture<Integer>(); // never completes
    }).call();
    CompletableFuture<Integer> f = g.fn1("Inc", (Integer v) -> v + 1).call(lost).getAsync();
    assertThat(called.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(f.cancel(true)).isTrue();
    long atCancel = g.revision();
    for (int i = 11; i <= 200; i++) {
      x.set(i);
    }
    assertThat(x.versionAt(atCancel)).as("%s: the version as of the cancelled evaluation's revision", mode).isNull();
    assertThat(x.get()).isEqualTo(200);
  }
}
