package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 9, item 3: one top-level get() sees one revision of every source; set never waits; atomic updates. */
class SnapshotTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFunctionThatReadsASourceTwiceSeesOneValueEvenIfItIsSetInBetween(String mode, Supplier<Graph> graphs)
      throws Exception {
    Graph g = graphs.get();
    Source<Integer> s = g.source("s", 1);
    CountDownLatch firstRead = new CountDownLatch(1);
    CountDownLatch changed = new CountDownLatch(1);
    AtomicBoolean gate = new AtomicBoolean(true);
    Node<Integer> twice = g.computed("twice", () -> {
      int a = s.get();
      if (gate.getAndSet(false)) {
        firstRead.countDown();
        await(changed);
      }
      int b = s.get();
      return a * 100 + b;
    });
    CompletableFuture<Integer> result = CompletableFuture.supplyAsync(twice::get, Pools.VIRTUAL);
    await(firstRead);
    s.set(2); // never waits for the running evaluation
    changed.countDown();

    assertThat(result.get(20, TimeUnit.SECONDS)).as("both reads as of the get's revision").isEqualTo(101);
    assertThat(twice.get()).as("the next get sees the change").isEqualTo(202);
  }

  @Test
  void setDoesNotWaitForALongEvaluation() throws Exception {
    Graph g = Graph.create();
    Source<Integer> s = g.source("s", 1);
    CountDownLatch running = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Node<Integer> slow = g.computed("slow", () -> {
      int v = s.get();
      running.countDown();
      await(release);
      return v;
    });
    CompletableFuture<Integer> result = CompletableFuture.supplyAsync(slow::get, Pools.VIRTUAL);
    await(running);
    CompletableFuture<Void> set = CompletableFuture.runAsync(() -> s.set(7), Pools.VIRTUAL);
    set.get(10, TimeUnit.SECONDS); // completes while the function still waits
    assertThat(result).isNotDone();
    release.countDown();
    assertThat(result.get(20, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(slow.get()).isEqualTo(7);
  }

  /** The reproducer of the issue: Diff(A(s), B(s)) with a writer running; every get sees one revision. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void diffOfTwoFunctionsOfOneSourceIsAlwaysZeroWhileAnotherThreadSetsIt(String mode, Supplier<Graph> graphs)
      throws Exception {
    Graph g = graphs.get();
    Fn1<Integer, Integer> a = g.fn1("A", x -> x);
    Fn1<Integer, Integer> b = g.fn1("B", x -> x + 0);
    Fn2<Integer, Integer, Integer> diff = g.fn2("Diff", (x, y) -> x - y);
    Source<Integer> s = g.source("s", 0);
    Node<Integer> d = diff.call(a.call(s), b.call(s));
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = Thread.ofPlatform().start(() -> {
      for (int i = 1; !stop.get(); i++) {
        s.set(i);
      }
    });
    try {
      long end = System.nanoTime() + 300_000_000L;
      int gets = 0;
      while (System.nanoTime() < end) {
        assertThat(d.get()).isZero();
        gets++;
      }
      assertThat(gets).isPositive();
    } finally {
      stop.set(true);
      writer.join(10_000);
    }
  }

  @Test
  void anUpdateChangesSeveralSourcesAsOneRevision() throws Exception {
    Graph g = Graph.create();
    Source<Integer> w = g.source("w", 1);
    Source<Integer> h = g.source("h", 1);
    Counter runs = new Counter();
    CountDownLatch readW = new CountDownLatch(1);
    CountDownLatch updated = new CountDownLatch(1);
    AtomicBoolean gate = new AtomicBoolean(true);
    Node<Integer> area = g.computed("area", () -> {
      runs.hit("area");
      int ww = w.get();
      if (gate.getAndSet(false)) {
        readW.countDown();
        await(updated);
      }
      return ww * h.get();
    });
    CompletableFuture<Integer> during = CompletableFuture.supplyAsync(area::get, Pools.VIRTUAL);
    await(readW);
    long before = g.revision();
    g.update(tx -> {
      tx.set(w, 3);
      h.set(4); // a plain set inside the update joins it
    });
    assertThat(g.revision()).as("one revision for both").isEqualTo(before + 1);
    updated.countDown();

    assertThat(during.get(20, TimeUnit.SECONDS)).as("never 1 x 4").isEqualTo(1);
    assertThat(area.get()).isEqualTo(12);
    assertThat(runs.of("area")).isEqualTo(2);
  }

  @Test
  void anUpdateThatThrowsInstallsNothing() {
    Graph g = Graph.create();
    Source<Integer> w = g.source("w", 1);
    Node<Integer> twice = g.computed("twice", () -> 2 * w.get());
    assertThat(twice.get()).isEqualTo(2);
    try {
      g.update(tx -> {
        tx.set(w, 5);
        throw new IllegalStateException("changed my mind");
      });
    } catch (IllegalStateException expected) {
      assertThat(expected).hasMessage("changed my mind");
    }
    assertThat(w.get()).isEqualTo(1);
    assertThat(twice.state()).isEqualTo(NodeState.VALID);
  }

  /**
   * The Changes an update gives its callback are valid only inside it, on its thread (Graph.Changes): a set staged
   * through them after the update returned, or from another thread, was put in a map nobody would read again (or
   * raced with the callback's own) and silently lost. It must be refused, naming the source.
   */
  @Test
  void aChangeStagedOutsideItsUpdateIsRefusedNotLost() throws Exception {
    Graph g = Graph.create();
    Source<Integer> w = g.source("w", 1);
    java.util.concurrent.atomic.AtomicReference<Graph.Changes> kept = new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicReference<Throwable> fromOtherThread =
        new java.util.concurrent.atomic.AtomicReference<>();
    g.update(tx -> {
      kept.set(tx);
      tx.set(w, 2);
      Thread other = Thread.ofPlatform().start(() -> {
        try {
          tx.set(w, 7);
        } catch (Throwable t) {
          fromOtherThread.set(t);
        }
      });
      try {
        other.join(10_000);
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
    });
    assertThat(w.get()).as("the callback's own change").isEqualTo(2);
    assertThat(fromOtherThread.get()).as("a set from another thread during the update")
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("'w'");
    Throwable late = org.assertj.core.api.Assertions.catchThrowable(() -> kept.get().set(w, 5));
    assertThat(late).as("a set after the update returned").isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'w'").hasMessageContaining("update");
    assertThat(w.get()).isEqualTo(2);
  }

  /**
   * Node.getAll takes nodes "of any graphs". They were evaluated as one evaluation of the first node's graph: a
   * sequential graph's nodes ran on a parallel graph's pool (a sequential graph runs every node on the thread that
   * calls get()), and were told to the other graph's listeners and counted in its statistics, never in their own.
   * Outside functions and inside one, and with a failure in each graph, every failure named.
   */
  @Test
  void getAllOfNodesOfTwoGraphsRunsAndReportsEachNodeInItsOwnGraph() throws Exception {
    Graph par = Graph.builder().recordStats().build();
    Graph seq = Graph.builder().sequential().recordStats().build();
    List<String> parHeard = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> seqHeard = new java.util.concurrent.CopyOnWriteArrayList<>();
    par.addListener(heard(parHeard));
    seq.addListener(heard(seqHeard));
    java.util.Set<Thread> seqThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Fn1<Integer, Integer> p = par.fn1("P", (Integer x) -> x + 1);
    Fn1<Integer, Integer> q = seq.fn1("S", (Integer x) -> {
      seqThreads.add(Thread.currentThread());
      if (x < 0) {
        throw new IllegalStateException("negative " + x);
      }
      return x + 2;
    });
    List<Node<Integer>> nodes = new java.util.ArrayList<>(List.of(p.call(1)));
    for (int i = 0; i < 20; i++) {
      nodes.add(q.call(i));
    }
    assertThat(Node.getAll(nodes)).hasSize(21).startsWith(2, 2, 3);
    assertThat(parHeard).as("the parallel graph's listener").containsExactly("P#1");
    assertThat(seqHeard).as("the sequential graph's listener").hasSize(20).allMatch(n -> n.startsWith("S#"));
    assertThat(seqThreads).as("a sequential graph's nodes run on the caller").containsExactly(Thread.currentThread());
    assertThat(par.stats().of("S").runs()).isZero();
    assertThat(seq.stats().of("S").runs()).isEqualTo(20);

    // inside a function of the parallel graph: the reader's thread runs the sequential graph's nodes
    seqThreads.clear();
    java.util.concurrent.atomic.AtomicReference<Thread> readerThread = new java.util.concurrent.atomic.AtomicReference<>();
    List<Node<Integer>> more = new java.util.ArrayList<>(List.of(p.call(10)));
    for (int i = 100; i < 120; i++) {
      more.add(q.call(i));
    }
    Node<Integer> sum = par.computed("sum", () -> {
      readerThread.set(Thread.currentThread());
      return Node.getAll(more).stream().mapToInt(Integer::intValue).sum();
    });
    assertThat(sum.get()).isEqualTo(11 + java.util.stream.IntStream.range(102, 122).sum());
    assertThat(seqThreads).containsExactly(readerThread.get());
    assertThat(seq.stats().of("S").runs()).isEqualTo(40);
    assertThat(par.stats().of("S").runs()).isZero();

    // a failure in each graph: both named
    Node<Integer> fails = par.fn1("Fails", (Integer x) -> 1 / x).call(0);
    Node<Integer> negative = q.call(-1);
    EvaluationException e = org.assertj.core.api.Assertions.catchThrowableOfType(EvaluationException.class,
        () -> Node.getAll(List.of(fails, negative, q.call(5))));
    assertThat(e.failures()).extracting(NodeFailure::node).containsExactlyInAnyOrder(fails.name(), negative.name());
  }

  private static GraphListener heard(List<String> into) {
    return new GraphListener() {
      @Override
      public void nodeFinished(Node<?> n, long nanos, boolean changed) {
        into.add(n.name());
      }
    };
  }

  @Test
  void getAllOutsideFunctionsIsAConsistentSnapshot() throws Exception {
    Graph g = Graph.create();
    Source<Integer> s = g.source("s", 0);
    Fn1<Integer, Integer> neg = g.fn1("Neg", x -> -x);
    Node<Integer> n = neg.call(s);
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = Thread.ofPlatform().start(() -> {
      for (int i = 1; !stop.get(); i++) {
        s.set(i);
      }
    });
    try {
      for (int i = 0; i < 2_000; i++) {
        List<Integer> both = Node.getAll(List.of(s, n));
        assertThat(both.get(0) + both.get(1)).isZero();
      }
    } finally {
      stop.set(true);
      writer.join(10_000);
    }
  }

  /**
   * A function that starts reading a source on this run (its branch changed) may record it just after a change of
   * that source was marked: the change must still reach every node above the reader, which is verified meanwhile.
   * Reads with a timeout run the read node on another thread, which makes the race likely.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aDependencyRecordedJustAfterAChangeStillCarriesItToTheNodesAbove(String mode, Supplier<Graph> graphs)
      throws Exception {
    Graph g = graphs.get();
    Source<Integer> s1 = g.source("s1", 0);
    Source<Integer> s3 = g.source("s3", 0);
    Node<Integer> n0 = g.computed("n0", () -> {
      int c = timed(s1);
      return (c % 2 == 0 ? timed(s3) : c) + 2;
    });
    Node<Integer> n1 = g.computed("n1", () -> (timed(n0) + 2) % 3);
    AtomicBoolean stop = new AtomicBoolean();
    Thread writer = Thread.ofPlatform().start(() -> {
      java.util.Random r = new java.util.Random(1);
      while (!stop.get()) {
        (r.nextBoolean() ? s1 : s3).set(r.nextInt(6));
      }
    });
    try {
      long end = System.nanoTime() + 500_000_000L;
      for (int i = 0; i < 20_000 && System.nanoTime() < end; i++) {
        List<Integer> v = Node.getAll(List.of(s1, s3, n1));
        int a = v.get(0);
        int n0v = (a % 2 == 0 ? v.get(1) : a) + 2;
        assertThat(v.get(2)).as("get %d with s1 = %d, s3 = %d", i, a, v.get(1)).isEqualTo((n0v + 2) % 3);
      }
    } finally {
      stop.set(true);
      writer.join(10_000);
    }
  }

  private static int timed(Node<Integer> n) {
    try {
      return n.get(java.time.Duration.ofMinutes(1));
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError(e);
    }
  }

  static void await(CountDownLatch l) {
    try {
      if (!l.await(20, TimeUnit.SECONDS)) {
        throw new AssertionError("latch not released in time");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RuntimeException(e);
    }
  }
}
