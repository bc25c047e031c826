package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
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
 * Issue 10 item 5: a bound on cached values (by count or by weight, per function or per graph), least recently used
 * first, that keeps each evicted node's revisions and dependencies, so that verification stays exact and an evicted
 * value is recomputed on demand, once.
 */
class EvictionTest {

  /** The nodes of {@code nodes} whose value is held (state VALID: a get() would run nothing). */
  private static long held(List<? extends Node<?>> nodes) {
    return nodes.stream().filter(n -> n.state() == NodeState.VALID).count();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aGraphBoundKeepsAtMostThatManyValuesLeastRecentlyUsedFirst(String mode, Supplier<Graph> graphs) {
    Graph g = Graph.builder().maximumCachedValues(3).build();
    if (mode.equals("sequential")) {
      g = Graph.builder().sequential().maximumCachedValues(3).build();
    }
    Counter calls = new Counter();
    Fn1<Integer, Integer> sq = g.fn1("Sq", x -> {
      calls.hit("Sq" + x);
      return x * x;
    });
    List<Node<Integer>> nodes = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      nodes.add(sq.call(i));
      assertThat(nodes.get(i).get()).isEqualTo(i * i);
      assertThat(held(nodes)).as("values held after %d gets", i + 1).isLessThanOrEqualTo(3);
    }
    assertThat(g.lru().size()).isEqualTo(3);
    assertThat(g.lru().evictions()).isEqualTo(7);
    // The three most recent are held; reading one of the older ones recomputes it, once, and it is then held.
    assertThat(nodes.subList(7, 10)).allMatch(n -> n.state() == NodeState.VALID);
    assertThat(nodes.get(0).state()).isEqualTo(NodeState.STALE);
    assertThat(nodes.get(0).get()).isZero();
    assertThat(nodes.get(0).get()).isZero();
    assertThat(calls.of("Sq0")).as("an evicted node runs again once, when read").isEqualTo(2);
    // Held now, least recent first: 8, 9, 0. Reading 8 makes it the most recent (9, 0, 8), so computing 1 evicts 9.
    nodes.get(8).get();
    nodes.get(1).get();
    assertThat(nodes.get(8).state()).isEqualTo(NodeState.VALID);
    assertThat(nodes.get(9).state()).isEqualTo(NodeState.STALE);
    assertThat(calls.of("Sq8")).isEqualTo(1);
  }

  @Test
  void aFunctionBoundIsItsOwnAndLeavesOtherFunctionsAlone() {
    Graph g = Graph.builder().sequential().build();
    Fn1<Integer, Integer> bounded = g.fn1("Bounded", FnOptions.defaults().maximumCachedValues(2), x -> x + 1);
    Fn1<Integer, Integer> free = g.fn1("Free", x -> x - 1);
    List<Node<Integer>> b = new ArrayList<>();
    List<Node<Integer>> f = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      b.add(bounded.call(i));
      f.add(free.call(i));
      b.get(i).get();
      f.get(i).get();
    }
    assertThat(held(b)).isEqualTo(2);
    assertThat(held(f)).isEqualTo(20);
    assertThat(FnOptions.defaults().maximumCachedValues(2)).isEqualTo(FnOptions.defaults().maximumCachedValues(2))
        .isNotEqualTo(FnOptions.defaults().maximumCachedValues(3)).isNotEqualTo(FnOptions.defaults());
    assertThat(FnOptions.defaults().maximumCachedValues(2).toString()).contains("maximumCachedValues=2");
  }

  @Test
  void sourcesAreNeverEvicted() {
    Graph g = Graph.builder().sequential().maximumCachedValues(1).build();
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    List<Source<Integer>> sources = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Source<Integer> s = g.source("s" + i, i);
      sources.add(s);
      inc.call(s).get();
    }
    assertThat(sources).allMatch(s -> s.state() == NodeState.VALID);
  }

  @Test
  void badBoundsAreRefusedWithWhatWasWrong() {
    assertThatThrownBy(() -> Graph.builder().maximumCachedValues(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maximumCachedValues must be at least 1, was 0");
    assertThatThrownBy(() -> FnOptions.defaults().maximumCachedWeight(-5, v -> 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("maximumCachedWeight must be at least 1, was -5");
    assertThatThrownBy(() -> FnOptions.defaults().maximumCachedWeight(5, null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("weigher");
  }

  /** A graph has one bound: a second one is refused, as Caffeine refuses a second maximum, not silently swapped. */
  @Test
  void aSecondBoundOnOneGraphIsRefusedNamingTheFirst() {
    assertThatThrownBy(() -> Graph.builder().maximumCachedValues(10).maximumCachedWeight(1 << 20, v -> 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a bound on cached values was already set (at most 10 values); set one bound per graph");
    assertThatThrownBy(() -> Graph.builder().maximumCachedWeight(64, v -> 1).maximumCachedValues(5))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("a bound on cached values was already set (a weight of at most 64); set one bound per graph");
  }

  // ------------------------------------------------------------------------------------- exactness

  /**
   * s -> e -> d, e evicted: an unchanged source re-runs only e, and only when e itself is read; d stays valid
   * (early cutoff through the eviction: the restored value counts as unchanged).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void anUnchangedInputRerunsOnlyTheEvictedNodeAndOnlyWhenItIsRead(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter calls = new Counter();
    Source<Integer> s = g.source("s", 3);
    Fn1<Integer, Integer> e = g.fn1("E", FnOptions.defaults().maximumCachedValues(1), x -> {
      calls.hit("E");
      return x * 10;
    });
    Fn1<Integer, Integer> d = g.fn1("D", x -> {
      calls.hit("D");
      return x + 1;
    });
    Node<Integer> en = e.call(s);
    Node<Integer> dn = d.call(en);
    Node<Integer> other = e.call(100);
    assertThat(dn.get()).isEqualTo(31);
    assertThat(other.get()).isEqualTo(1000); // evicts en
    assertThat(en.state()).isEqualTo(NodeState.STALE);
    calls.reset();

    assertThat(dn.get()).isEqualTo(31);
    assertThat(calls.total()).as("d is valid: nothing runs, e is not restored").isZero();
    assertThat(en.get()).isEqualTo(30);
    assertThat(calls.of("E")).isEqualTo(1);
    assertThat(calls.of("D")).as("e restored to the same value: d stays valid").isZero();
    assertThat(dn.get()).isEqualTo(31);
    assertThat(calls.total()).isEqualTo(1);
  }

  /** A changed source below an evicted node re-runs the node and what the change reaches, each once. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aChangedInputBelowAnEvictedNodeRerunsWhatItMust(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter calls = new Counter();
    Source<Integer> s = g.source("s", 3);
    Source<Integer> unrelated = g.source("u", 1);
    Fn1<Integer, Integer> e = g.fn1("E", FnOptions.defaults().maximumCachedValues(1), x -> {
      calls.hit("E" + x);
      return x * 10;
    });
    Fn1<Integer, Integer> d = g.fn1("D", x -> {
      calls.hit("D");
      return x + 1;
    });
    Fn1<Integer, Integer> f = g.fn1("F", x -> {
      calls.hit("F");
      return -x;
    });
    Node<Integer> en = e.call(s);
    Node<Integer> dn = d.call(en);
    Node<Integer> fn = f.call(unrelated);
    assertThat(dn.get()).isEqualTo(31);
    assertThat(fn.get()).isEqualTo(-1);
    e.call(7).get(); // evicts en
    calls.reset();

    s.set(4);
    assertThat(dn.get()).isEqualTo(41);
    assertThat(fn.get()).isEqualTo(-1);
    assertThat(calls.of("E4")).isEqualTo(1);
    assertThat(calls.of("D")).isEqualTo(1);
    assertThat(calls.of("F")).isZero();
    assertThat(calls.total()).isEqualTo(2);
  }

  /**
   * d reads an evicted e and a source that changes: d runs, and e is restored (once) for it; e's other dependent,
   * which did not change, stays valid.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aRestoredValueCountsAsUnchangedForTheOtherDependents(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter calls = new Counter();
    Source<Integer> s = g.source("s", 2);
    Source<Integer> t = g.source("t", 5);
    Fn1<Integer, Integer> e = g.fn1("E", FnOptions.defaults().maximumCachedValues(1), x -> {
      calls.hit("E");
      return x * 10;
    });
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (x, y) -> {
      calls.hit("Add");
      return x + y;
    });
    Fn1<Integer, Integer> neg = g.fn1("Neg", x -> {
      calls.hit("Neg");
      return -x;
    });
    Node<Integer> en = e.call(s);
    Node<Integer> sum = add.call(en, t);
    Node<Integer> minus = neg.call(en);
    Node<Integer> top = add.call(sum, minus); // reads e through two paths
    assertThat(top.get()).isEqualTo(5);
    e.call(0).get(); // evicts en
    calls.reset();

    t.set(6);
    assertThat(top.get()).isEqualTo(6);
    assertThat(calls.of("E")).as("restored once, for sum").isEqualTo(1);
    assertThat(calls.of("Neg")).as("minus verified against e's kept revision").isZero();
    assertThat(calls.of("Add")).as("sum and top").isEqualTo(2);
  }

  /**
   * A dependent verified against an evicted node that is current does not need its value: when the dependent's
   * other input is cut off, nothing but that input runs, and the evicted node stays evicted.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void verifyingADependentNeedsNoEvictedValue(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter calls = new Counter();
    Source<Integer> s = g.source("s", 2);
    Source<Integer> t = g.source("t", 1);
    Fn1<Integer, Integer> e = g.fn1("E", FnOptions.defaults().maximumCachedValues(1), x -> {
      calls.hit("E");
      return x * 10;
    });
    Fn1<Integer, Integer> parity = g.fn1("Parity", x -> {
      calls.hit("Parity");
      return x % 2;
    });
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (x, y) -> {
      calls.hit("Add");
      return x + y;
    });
    Node<Integer> en = e.call(s);
    Node<Integer> dynamicReader = g.computed("reader", () -> {
      calls.hit("reader");
      return en.get() + parity.call(t).get();
    });
    Node<Integer> sum = add.call(en, parity.call(t));
    assertThat(sum.get()).isEqualTo(21);
    assertThat(dynamicReader.get()).isEqualTo(21);
    e.call(0).get(); // evicts en
    calls.reset();

    t.set(3); // the same parity
    assertThat(sum.get()).isEqualTo(21);
    assertThat(dynamicReader.get()).isEqualTo(21);
    assertThat(calls.of("Parity")).isEqualTo(1);
    assertThat(calls.total()).as("only Parity ran: e was verified by its revisions, not restored").isEqualTo(1);
    assertThat(en.state()).isEqualTo(NodeState.STALE);
    t.set(4); // another parity: the dependents run, and fetch e's value (restored once)
    assertThat(sum.get()).isEqualTo(20);
    assertThat(dynamicReader.get()).isEqualTo(20);
    assertThat(calls.of("E")).isEqualTo(1);
    assertThat(calls.of("Add")).isEqualTo(1);
    assertThat(calls.of("reader")).isEqualTo(1);
  }

  /**
   * Documented: an evicted node that must run because an input changed has no previous value to compare with, so
   * it counts as changed (as in Salsa) even if it recomputes an equal value.
   */
  @Test
  void anEvictedNodeThatRerunsAfterAChangeCountsAsChanged() {
    Graph g = Graph.builder().sequential().build();
    Counter calls = new Counter();
    Source<Integer> s = g.source("s", 1);
    Fn1<Integer, Integer> parity = g.fn1("Parity", FnOptions.defaults().maximumCachedValues(1), x -> {
      calls.hit("Parity");
      return x % 2;
    });
    Fn1<Integer, Integer> d = g.fn1("D", x -> {
      calls.hit("D");
      return x + 1;
    });
    Node<Integer> p = parity.call(s);
    Node<Integer> dn = d.call(p);
    assertThat(dn.get()).isEqualTo(2);
    s.set(3);
    assertThat(dn.get()).as("not evicted: cut off").isEqualTo(2);
    assertThat(calls.of("D")).isEqualTo(1);
    parity.call(10).get(); // evicts p
    s.set(5);
    assertThat(dn.get()).isEqualTo(2);
    assertThat(calls.of("D")).as("evicted: no previous value, so d runs").isEqualTo(2);
  }

  /** A dynamic read of an evicted node restores it for the reader; the reader stays valid when nothing changed. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void dynamicReadsOfEvictedNodesAreRestoredAndStayRecorded(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter calls = new Counter();
    Source<Integer> s = g.source("s", 1);
    Source<Integer> other = g.source("o", 0);
    Fn1<Integer, Integer> e = g.fn1("E", FnOptions.defaults().maximumCachedValues(1), x -> {
      calls.hit("E");
      return x + 100;
    });
    Node<Integer> en = e.call(s);
    Node<Integer> reader = g.computed("reader", () -> {
      calls.hit("reader");
      return en.get() + other.get();
    });
    assertThat(reader.get()).isEqualTo(101);
    e.call(9).get(); // evicts en
    calls.reset();
    other.set(1);
    assertThat(reader.get()).isEqualTo(102);
    assertThat(calls.of("E")).isEqualTo(1);
    assertThat(calls.of("reader")).isEqualTo(1);
    e.call(9).get(); // evicts en again... (it is the least recent: the bound is 1)
    s.set(2);
    calls.reset();
    assertThat(reader.get()).as("a change below the evicted read still reaches the reader").isEqualTo(103);
    assertThat(calls.of("E")).isEqualTo(1);
    assertThat(calls.of("reader")).isEqualTo(1);
  }

  // ----------------------------------------------------------------------------------- concurrency

  /**
   * N threads, started together by a barrier, read the same evicted node: its function runs once. The function
   * holds its claim until every reader's evaluation has started (counted by a listener), so they all overlap it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void racingReadersOfAnEvictedNodeRecomputeItExactlyOnce(String mode, Supplier<Graph> graphs) throws Exception {
    int threads = 8;
    Graph g = graphs.get();
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch allStarted = new CountDownLatch(threads);
    AtomicInteger round = new AtomicInteger();
    Fn1<Integer, Integer> slow = g.fn1("Slow", FnOptions.defaults().maximumCachedValues(1), x -> {
      if (x == 1 && round.get() == 1) {
        runs.incrementAndGet();
        if (!allStarted.await(20, TimeUnit.SECONDS)) {
          throw new IllegalStateException("the readers did not all start");
        }
      }
      return x * 2;
    });
    Node<Integer> target = slow.call(1);
    assertThat(target.get()).isEqualTo(2);
    slow.call(2).get(); // evicts target
    assertThat(target.state()).isEqualTo(NodeState.STALE);
    g.addListener(new GraphListener() {
      @Override
      public void evaluationStarted(Node<?> root, int planned) {
        if (root == target) {
          allStarted.countDown();
        }
      }
    });
    round.set(1);
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> got = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        got.add(pool.submit(() -> {
          start.await(20, TimeUnit.SECONDS);
          return target.get();
        }));
      }
      for (Future<Integer> f : got) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(2);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(allStarted.getCount()).as("every reader planned the evicted node").isZero();
    assertThat(runs.get()).as("recomputed once for %d racing readers", threads).isEqualTo(1);
  }

  /**
   * A get() pinned to revision r reads a node whose value was recomputed at a later revision and then evicted:
   * restoring it at r would compute r's value and publish it as the later one's, so the get() restarts at the later
   * revision instead, and every value it returns is of one revision.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aSessionOlderThanAnEvictedValueRestartsRatherThanRestoringIt(String mode, Supplier<Graph> graphs)
      throws Exception {
    Graph g = graphs.get();
    Source<Integer> s = g.source("s", 1);
    AtomicInteger eRuns = new AtomicInteger();
    Fn1<Integer, Integer> e = g.fn1("E", FnOptions.defaults().maximumCachedValues(1), x -> {
      eRuns.incrementAndGet();
      return x * 100;
    });
    Node<Integer> en = e.call(s);
    CountDownLatch inside = new CountDownLatch(1);
    CountDownLatch go = new CountDownLatch(1);
    AtomicInteger readerRuns = new AtomicInteger();
    Node<Integer> reader = g.computed("reader", () -> {
      int sv = s.get();
      if (readerRuns.incrementAndGet() == 1) {
        inside.countDown();
        if (!go.await(20, TimeUnit.SECONDS)) {
          throw new IllegalStateException("not released");
        }
      }
      return en.get() + sv;
    });
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> got = pool.submit(() -> reader.get());
      assertThat(inside.await(20, TimeUnit.SECONDS)).isTrue(); // the reader's session is pinned at s = 1
      s.set(2);
      assertThat(en.get()).isEqualTo(200); // en recomputed at the new revision
      e.call(7).get(); // ... and evicted
      assertThat(en.state()).isEqualTo(NodeState.STALE);
      go.countDown();
      assertThat(got.get(30, TimeUnit.SECONDS)).as("one revision: s = 2 throughout").isEqualTo(202);
    } finally {
      pool.shutdownNow();
    }
    assertThat(readerRuns.get()).as("the first run was overtaken, the second at s = 2").isEqualTo(2);
    assertThat(en.get()).isEqualTo(200);
  }

  /**
   * Readers and writers race on a bounded graph while stores evict: every value is right, and the bound holds once
   * they stop.
   */
  @Test
  void concurrentReadersAndEvictionsAgreeWithThePlainValues() throws Exception {
    Graph g = Graph.builder().maximumCachedValues(4).build();
    Source<Integer> s = g.source("s", 0);
    Fn2<Integer, Integer, Integer> f = g.fn2("F", (x, k) -> x * 31 + k);
    List<Node<Integer>> nodes = new ArrayList<>();
    for (int k = 0; k < 32; k++) {
      nodes.add(f.call(s, k));
    }
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads + 1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          start.await(20, TimeUnit.SECONDS);
          java.util.Random r = new java.util.Random(seed);
          for (int i = 0; i < 2_000; i++) {
            int k = r.nextInt(nodes.size());
            List<Object> both = Node.getAll(List.of(s, nodes.get(k)));
            assertThat(both.get(1)).isEqualTo((Integer) both.get(0) * 31 + k);
          }
          return null;
        }));
      }
      start.await(20, TimeUnit.SECONDS);
      for (int v = 1; v <= 200; v++) {
        s.set(v);
      }
      for (Future<?> d : done) {
        d.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    for (int k = 0; k < nodes.size(); k++) {
      assertThat(nodes.get(k).get()).isEqualTo(200 * 31 + k);
    }
    assertThat(held(nodes)).isLessThanOrEqualTo(4);
  }

  // ------------------------------------------------------------------------------------------ memory

  /**
   * Values of 1 MiB, bounded to 8 by count: after 64 of them are computed (and their nodes kept), the heap holds
   * about 8 MiB of them, not 64.
   */
  @Test
  void theHeapStaysUnderTheBound() {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    Graph g = Graph.builder().sequential().build();
    Fn1<Integer, byte[]> big = g.fn1("Big", FnOptions.defaults().maximumCachedValues(8), i -> {
      byte[] b = new byte[1 << 20];
      b[0] = (byte) (int) i;
      return b;
    });
    long before = usedAfterGc(memory);
    List<Node<byte[]>> nodes = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      Node<byte[]> n = big.call(i);
      nodes.add(n);
      assertThat(n.get()[0]).isEqualTo((byte) i);
    }
    long after = usedAfterGc(memory);
    assertThat(held(nodes)).isEqualTo(8);
    assertThat(after - before).as("heap growth, bytes, with 64 nodes of 1 MiB bounded to 8")
        .isLessThan(16L << 20);
    assertThat(nodes.get(0).get()[0]).as("an evicted value comes back").isEqualTo((byte) 0);
  }

  /** A bound by weight: values of 1 MiB, at most 5 MiB. */
  @Test
  void aBoundByWeightKeepsTheTotalWeightUnderIt() {
    Graph g = Graph.builder().sequential()
        .maximumCachedWeight(5L << 20, v -> v instanceof byte[] b ? b.length : 0).build();
    Fn1<Integer, byte[]> big = g.fn1("Big", i -> new byte[(1 << 20) - i]);
    List<Node<byte[]>> nodes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      nodes.add(big.call(i));
      nodes.get(i).get();
      assertThat(g.lru().weight()).isLessThanOrEqualTo(5L << 20);
    }
    assertThat(held(nodes)).isEqualTo(5);
    // A value heavier than the whole bound is not kept, and a weigher that throws is logged and counts 0.
    Graph g2 = Graph.builder().sequential().maximumCachedWeight(10, v -> {
      if (v.equals(-1)) {
        throw new IllegalStateException("weigher bug");
      }
      return (Integer) v;
    }).build();
    Fn1<Integer, Integer> id = g2.fn1("Id", x -> x);
    Node<Integer> heavy = id.call(11);
    assertThat(heavy.get()).isEqualTo(11);
    assertThat(heavy.state()).isEqualTo(NodeState.STALE);
    Node<Integer> odd = id.call(-1);
    assertThat(odd.get()).isEqualTo(-1);
    assertThat(odd.state()).isEqualTo(NodeState.VALID);
  }

  private static long usedAfterGc(MemoryMXBean memory) {
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 6; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  // ------------------------------------------------------------------------------------------ the rest

  /** An observed node is kept fresh, so it is never evicted; it still counts toward the bound. */
  @Test
  void observedNodesAreNotEvicted() throws Exception {
    Graph g = Graph.builder().sequential().maximumCachedValues(1).build();
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    Node<Integer> watched = inc.call(0);
    CountDownLatch delivered = new CountDownLatch(1);
    try (Observation o = g.observe(watched, v -> delivered.countDown())) {
      assertThat(delivered.await(10, TimeUnit.SECONDS)).isTrue();
      for (int i = 1; i < 10; i++) {
        inc.call(i).get();
      }
      assertThat(watched.state()).isEqualTo(NodeState.VALID);
    }
  }

  /** A failure replaces the value, so it leaves the bound's account; a failed node is never evicted. */
  @Test
  void aFailureLeavesTheBoundAndAFailedNodeIsNotEvicted() {
    Graph g = Graph.builder().sequential().maximumCachedValues(2).build();
    Source<Integer> s = g.source("s", 1);
    Fn1<Integer, Integer> inv = g.fn1("Inv", FnOptions.defaults().cachingFailures(), x -> 10 / x);
    Node<Integer> n = inv.call(s);
    assertThat(n.get()).isEqualTo(10);
    assertThat(g.lru().size()).isEqualTo(1);
    s.set(0);
    assertThatThrownBy(n::get).isInstanceOf(EvaluationException.class);
    assertThat(g.lru().size()).as("a failure holds no value").isZero();
    assertThat(n.state()).isEqualTo(NodeState.FAILED);
  }

  /** A mutating function's restore gets a fresh private copy again: the shared value is never mutated. */
  @Test
  void aMutatingFunctionIsRestoredFromAFreshCopy() {
    Graph g = Graph.builder().sequential().build();
    Fn0<int[]> base = g.fn0("Base", () -> new int[] {1, 2, 3});
    Fn1<int[], int[]> bump = g.fn1("Bump", FnOptions.defaults().mutating(0).maximumCachedValues(1), a -> {
      a[0]++;
      return a;
    });
    Node<int[]> b = base.call();
    Node<int[]> bumped = bump.call(b);
    assertThat(bumped.get()).containsExactly(2, 2, 3);
    bump.call(new int[] {9}).get(); // evicts bumped
    assertThat(bumped.get()).containsExactly(2, 2, 3);
    assertThat(b.get()).containsExactly(1, 2, 3);
  }

  /** An evicted value is recomputed through the normal run path, so a persistent cache can serve it. */
  @Test
  void anEvictedValueComesBackThroughThePersistentCache() {
    java.util.Map<List<Object>, Object> store = new java.util.concurrent.ConcurrentHashMap<>();
    AtomicInteger proceeded = new AtomicInteger();
    PersistentCache cache = call -> {
      List<Object> key = List.of(call.functionName(), call.arguments());
      Object v = store.get(key);
      if (v == null) {
        proceeded.incrementAndGet();
        v = call.proceed();
        store.put(key, v);
      }
      return v;
    };
    Graph g = Graph.builder().sequential().persistentCache(cache).maximumCachedValues(1).build();
    Fn1<Integer, Integer> sq = g.fn1("Sq", x -> x * x);
    Node<Integer> a = sq.call(3);
    assertThat(a.get()).isEqualTo(9);
    sq.call(4).get(); // evicts a
    assertThat(a.state()).isEqualTo(NodeState.STALE);
    assertThat(a.get()).isEqualTo(9);
    assertThat(proceeded.get()).as("a came back from the persistent cache").isEqualTo(2);
  }

  /**
   * An asynchronous function's restore publishes when its future completes, with the restore's revisions: the
   * dependent stays valid.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void anAsynchronousFunctionIsRestoredLikeAnyOther(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter calls = new Counter();
    Fn1<Integer, Integer> later = g.fnAsync1("Later", FnOptions.defaults().maximumCachedValues(1), x -> {
      calls.hit("Later");
      return java.util.concurrent.CompletableFuture.supplyAsync(() -> x + 1);
    });
    Fn1<Integer, Integer> neg = g.fn1("Neg", x -> {
      calls.hit("Neg");
      return -x;
    });
    Node<Integer> a = later.call(1);
    Node<Integer> na = neg.call(a);
    assertThat(na.get()).isEqualTo(-2);
    later.call(5).get(); // evicts a
    calls.reset();
    assertThat(a.get()).isEqualTo(2);
    assertThat(na.get()).isEqualTo(-2);
    assertThat(calls.of("Later")).isEqualTo(1);
    assertThat(calls.of("Neg")).isZero();
  }

  /** With maxTrace, calls on constants become constants; a bound never evicts those, and values stay right. */
  @Test
  void aBoundedGraphWithMaxTraceStaysRight() {
    Graph g = Graph.builder().sequential().maxTrace(50).maximumCachedValues(10).build();
    Fn1<Long, Long> inc = g.fn1("Inc", x -> x + 1);
    Node<Long> last = inc.call(0L);
    List<Node<Long>> some = new ArrayList<>();
    for (int i = 1; i < 1_000; i++) {
      last = inc.call(last);
      if (i % 100 == 0) {
        some.add(last);
      }
    }
    assertThat(last.get()).isEqualTo(1_000L);
    for (int k = 0; k < some.size(); k++) {
      assertThat(some.get(k).get()).isEqualTo(100L * (k + 1) + 1);
    }
  }

  /** The snapshot shows an evicted node as stale, its value as evicted. */
  @Test
  void dumpShowsEvictedNodes() {
    Graph g = Graph.builder().sequential().maximumCachedValues(1).build();
    Fn1<Integer, Integer> sq = g.fn1("Sq", x -> x * x);
    Node<Integer> a = sq.call(3);
    a.get();
    sq.call(4).get();
    GraphSnapshot.NodeInfo info = g.dump().nodes().stream().filter(n -> n.name().equals(a.name())).findFirst()
        .orElseThrow();
    assertThat(info.state()).isEqualTo(NodeState.STALE);
    assertThat(info.value()).isEqualTo("<evicted>");
  }
}
