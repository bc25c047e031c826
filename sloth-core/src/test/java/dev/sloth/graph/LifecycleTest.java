package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
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
    long after = Long.MAX_VALUE;
    for (int attempt = 0; attempt < 50 && after - baseline >= (8L << 20); attempt++) {
      after = usedHeapAfterGc();
    }
    // Each entry of the table (its weak reference and map node) is about 72 bytes: 21 MB for these nodes.
    assertThat(after - baseline).as("heap after dropping 300k nodes").isLessThan(8L << 20);
    assertThat(g.size()).isLessThan(100);
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(20); // let the purging thread run between collections (no ordering depends on it)
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
