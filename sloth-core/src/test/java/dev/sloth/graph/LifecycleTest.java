package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 9, item 13: dropped graphs leave no threads, dropped nodes no table entries, without any further call. */
class LifecycleTest {

  @Test
  void graphsWithTheirOwnParallelismShareTheirPools() {
    int before = ManagementFactory.getThreadMXBean().getThreadCount();
    for (int i = 0; i < 100; i++) {
      Graph g = Graph.builder().parallelism(4).build();
      Fn1<Integer, Integer> sq = g.fn1("Sq", x -> x * x);
      Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);
      Node<Integer> n = add.call(add.call(sq.call(1), sq.call(2)), add.call(sq.call(3), sq.call(4)));
      assertThat(n.get()).isEqualTo(30);
    }
    int after = ManagementFactory.getThreadMXBean().getThreadCount();
    assertThat(after - before).as("threads left behind by 100 dropped graphs").isLessThanOrEqualTo(8);
  }

  @Test
  void theEntriesOfDroppedNodesArePurgedWithoutAnotherCall() throws Exception {
    Graph g = Graph.builder().sequential().build();
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);
    Source<Integer> s = g.source("s", 0);
    long baseline = usedHeapAfterGc();
    Node<Integer> last = s;
    for (int i = 0; i < 300_000; i++) {
      last = add.call(last, i % 7);
    }
    assertThat(last.get()).isNotNull();
    last = null;
    // No call of the graph from here on: the entries must go by themselves.
    awaitPurged(g, 100);
    long after = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 50 && after - baseline >= (8L << 20); attempt++) {
      after = usedHeapAfterGc();
    }
    // Each entry of the table (its weak reference and map node) is about 72 bytes: 21 MB for these nodes.
    assertThat(after - baseline).as("heap after dropping 300k nodes").isLessThan(8L << 20);
    assertThat(g.size()).isLessThan(100);
  }

  /**
   * A burst of one function's calls grows its table segment to hold them all; once they are collected the segment
   * gives the slots back (they were kept at their peak: 8 bytes a slot, for the graph's life).
   */
  @Test
  void aTableGivesBackTheSlotsOfABurstOfCollectedNodes() {
    Graph g = Graph.builder().sequential().build();
    Fn1<Integer, Integer> f = g.fn1("F", x -> x);
    int empty = g.registry().tableCapacity();
    java.util.List<Node<Integer>> burst = new java.util.ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      burst.add(f.call(i));
    }
    Node<Integer> kept = f.call(-1);
    assertThat(g.registry().tableCapacity()).isGreaterThan(100_000);
    burst = null;

    awaitPurged(g, 1);
    assertThat(g.registry().tableCapacity()).as("slots after the burst was collected, one node left")
        .isEqualTo(empty);
    assertThat(f.call(-1)).as("the kept node is still found").isSameAs(kept);
    for (int i = 0; i < 1_000; i++) {
      assertThat(f.call(i).get()).isEqualTo(i); // and the table grows again as before
    }
  }

  /**
   * Collects garbage until the purger thread has removed all but {@code most} of {@code g}'s table entries, 50
   * collections and 30 s at most. It counts them with {@link Registry#entries}, which removes nothing (unlike {@link
   * Graph#size}, which would purge them itself). After each collection it yields to the purger as long as the count
   * keeps falling; when it has not fallen for 100,000 looks (the collector cleared nothing, or the purger has not
   * got to them yet), another collection.
   */
  private static void awaitPurged(Graph g, int most) {
    long start = System.nanoTime();
    long deadline = start + TimeUnit.SECONDS.toNanos(30);
    int collections = 0;
    int entries = g.registry().entries();
    while (entries > most) {
      if (collections == 50 || System.nanoTime() - deadline > 0) {
        throw new AssertionError("the purger thread did not remove the entries of the dropped nodes: " + entries
            + " still in the table after " + collections + " collections and "
            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
      }
      System.gc();
      collections++;
      for (int stalled = 0; entries > most && stalled < 100_000 && System.nanoTime() - deadline < 0; ) {
        Thread.yield();
        int now = g.registry().entries();
        stalled = now < entries ? 0 : stalled + 1;
        entries = now;
      }
    }
  }

  /**
   * The least heap in use after each of three collections, back to back: nothing waits for the purger here (the
   * baseline does not need it, and the measurement after the drop comes after {@link #awaitPurged}).
   */
  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
