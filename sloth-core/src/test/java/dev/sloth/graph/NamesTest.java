package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Names of sources and computed nodes ({@link Names}): unique among the live nodes ({@code x}, {@code x#2}), and a
 * name's counter goes once no node of that name is alive, so a process that names a source per request does not keep
 * a counter for every name it ever used (it kept about 120 bytes each, forever: 60 MB per 500,000 names).
 */
class NamesTest {

  /** Collects until {@code done} holds: at most 50 collections or 30 seconds, then fails saying what it waited for. */
  private static void collectUntil(Graph g, BooleanSupplier done, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (int collections = 0; !done.getAsBoolean(); collections++) {
      if (collections == 50 || System.nanoTime() - deadline > 0) {
        throw new AssertionError("still waiting after " + collections + " collections: " + what);
      }
      System.gc();
      g.size(); // takes the collected nodes' references off the queue, if the purger thread has not yet
      for (int spins = 0; spins < 10_000 && !done.getAsBoolean(); spins++) {
        Thread.yield(); // or the purger thread does it
      }
    }
  }

  @Test
  void theCountersOfNamesWhoseNodesWereCollectedGo() {
    Graph g = Graph.builder().sequential().build();
    Names names = g.registry().names();
    Source<Integer> kept = g.source("kept", 0);
    for (int i = 0; i < 10_000; i++) {
      g.source("user-" + i, i); // dropped at once
      g.computed("view-" + i, () -> 1);
    }
    assertThat(names.size()).isGreaterThan(1);

    collectUntil(g, () -> names.size() == 1, "the 20,000 dropped nodes' names given back, " + names.size() + " left");
    assertThat(kept.name()).isEqualTo("kept");
    assertThat(g.source("user-7", 7).name()).as("a name whose nodes are gone starts again").isEqualTo("user-7");
  }

  @Test
  void aNameKeepsCountingWhileANodeOfItIsAlive() {
    Graph g = Graph.builder().sequential().build();
    Source<Integer> first = g.source("x", 1);
    Source<Integer> second = g.source("x", 2);
    assertThat(List.of(first.name(), second.name())).containsExactly("x", "x#2");
    WeakReference<Source<Integer>> firstGone = new WeakReference<>(first);
    first = null;
    collectUntil(g, () -> firstGone.get() == null, "the first x collected");

    Source<Integer> third = g.source("x", 3);
    assertThat(third.name()).as("x#2 is alive: no number is given twice").isEqualTo("x#3");
    List<WeakReference<Source<Integer>>> rest = new ArrayList<>(List.of(new WeakReference<>(second),
        new WeakReference<>(third)));
    second = null;
    third = null;
    collectUntil(g, () -> rest.stream().allMatch(r -> r.get() == null) && g.registry().names().size() == 0,
        "every x collected and the name given back");
    assertThat(g.source("x", 4).name()).isEqualTo("x");
  }

  /**
   * The graph holds its functions by name weakly: a function whose handle and nodes are all collected leaves no entry
   * (and no captured state) behind, and its name may be given to another function; while it is in use, the name is
   * its own (BadInputTest.aNameReusedWithADifferentFunctionIsRejected).
   */
  @Test
  void functionsWhoseHandlesAndNodesWereCollectedLeaveNoEntry() {
    Graph g = Graph.builder().sequential().build();
    Function1<Integer, Integer> probe = x -> x;
    for (int i = 0; i < 10_000; i++) {
      byte[] captured = new byte[64];
      Fn1<Integer, Integer> handler = g.fn1("handler-" + i, x -> x + captured.length);
      assertThat(handler.call(i).get()).isEqualTo(i + 64);
    }
    assertThat(g.registry().functionEntries()).isGreaterThan(1);

    // each definition first drops the entries of the functions collected since the last one
    collectUntil(g, () -> g.fn1("probe", probe) != null && g.registry().functionEntries() == 1,
        "the 10,000 dropped functions' entries gone, " + g.registry().functionEntries() + " left");

    Fn1<Integer, Integer> again = g.fn1("handler-7", x -> -x); // another function: the name is free
    assertThat(again.call(7).get()).isEqualTo(-7);
    assertThat(again.call(7).name()).isEqualTo("handler-7#1");
  }

  @Test
  void aFunctionInUseKeepsItsNameThroughCollections() {
    Graph g = Graph.builder().sequential().build();
    Function1<Integer, Integer> body = x -> x * x;
    Fn1<Integer, Integer> square = g.fn1("Square", body);
    Node<Integer> kept = square.call(3);
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    assertThat(g.fn1("Square", body).call(3)).as("the same function again, sharing its nodes").isSameAs(kept);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.fn1("Square", (Integer x) -> x + 1))
        .hasMessageContaining("different function");
    java.lang.ref.Reference.reachabilityFence(square);
  }

  /**
   * Threads defining one name at once, half with one function and half with another, while earlier definitions are
   * collected: each thread either gets the one live function of that name (calls of it shared) or the "different
   * function" error, never a second live function under the name.
   */
  @Test
  void threadsDefiningOneNameAtOnceShareOneFunction() throws Exception {
    Graph g = Graph.create();
    Function1<Integer, Integer> square = x -> x * x;
    Function1<Integer, Integer> cube = x -> x * x * x;
    int threads = 4;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      for (int round = 0; round < 200; round++) {
        String name = "F" + round;
        List<java.util.concurrent.Future<Object>> made = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          Function1<Integer, Integer> body = t % 2 == 0 ? square : cube;
          made.add(pool.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            try {
              return g.fn1(name, body).call(3);
            } catch (IllegalArgumentException e) {
              assertThat(e).hasMessageContaining("different function");
              return e;
            }
          }));
        }
        java.util.Set<Object> nodes = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        int rejected = 0;
        for (java.util.concurrent.Future<Object> f : made) {
          Object r = f.get(30, TimeUnit.SECONDS);
          if (r instanceof Node<?> n) {
            nodes.add(n);
          } else {
            rejected++;
          }
        }
        assertThat(nodes).as("round %d: one node for the one live function", round).hasSize(1);
        assertThat(rejected).as("round %d: the other function's threads", round).isEqualTo(threads / 2);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void namesGivenAtOnceOnManyThreadsAreDistinct() throws Exception {
    Graph g = Graph.create();
    int threads = 4;
    int each = 2_000;
    List<Source<Integer>> all = java.util.Collections.synchronizedList(new ArrayList<>());
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        try {
          start.await(10, TimeUnit.SECONDS);
          for (int i = 0; i < each; i++) {
            all.add(g.source("s", i));
          }
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      workers.add(w);
      w.start();
    }
    for (Thread w : workers) {
      w.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(w.isAlive()).isFalse();
    }
    assertThat(all).hasSize(threads * each);
    assertThat(all.stream().map(Node::name).distinct().count()).isEqualTo(threads * each);
  }
}
