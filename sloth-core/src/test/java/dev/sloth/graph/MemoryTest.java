package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Item 14: dropped nodes are collected; a million-node chain needs no deep stack. */
class MemoryTest {

  @Test
  void nodesThatAreDroppedAreGarbageCollected() {
    Graph g = Graph.builder().sequential().build();
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);
    Source<Integer> s = g.source("s", 0);
    Node<Integer> kept = inc.call(s);
    long baseline = usedHeapAfterGc();

    for (int round = 0; round < 10; round++) {
      buildEvaluateAndDrop(add, kept, 100_000); // 1M nodes in all
    }
    long after = usedHeapAfterGc();
    int live = g.size();

    assertThat(live).as("only the source and the kept node stay known").isLessThan(1000);
    assertThat(after - baseline).as("heap returns").isLessThan(32L << 20);
    assertThat(kept.get()).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aChainOfAMillionNodesEvaluatesWithoutDeepRecursion(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Fn1<Long, Long> inc = g.fn1("Inc", x -> x + 1);
    Source<Long> start = g.source("start", 0L);
    Node<Long> last = start;
    for (int i = 0; i < 1_000_000; i++) {
      last = inc.call(last);
    }

    assertThat(last.get()).isEqualTo(1_000_000L);
    start.set(10L);
    assertThat(last.state()).isEqualTo(NodeState.STALE);
    assertThat(last.get()).isEqualTo(1_000_010L);
  }

  private static void buildEvaluateAndDrop(Fn2<Integer, Integer, Integer> add, Node<Integer> from, int count) {
    Node<Integer> last = from;
    for (int i = 0; i < count; i++) {
      last = add.call(last, i);
    }
    assertThat(last.get()).isNotNull();
  }

  private static long usedHeapAfterGc() {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
