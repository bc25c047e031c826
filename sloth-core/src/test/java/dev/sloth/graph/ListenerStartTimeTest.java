package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link GraphListener#nodeStartedAt}: the engine's own start reading, and the default that keeps nodeStarted. */
class ListenerStartTimeTest {

  @Test
  void startNanosPlusRunNanosBracketTheFunctionsOwnClockReadings() {
    Graph g = Graph.builder().sequential().build();
    long[] inside = new long[2];
    Fn1<Integer, Integer> f = g.fn1("F", v -> {
      inside[0] = System.nanoTime();
      long spin = inside[0] + 200_000; // 0.2 ms, so a start taken after the function's first reading would show
      while (System.nanoTime() < spin) {
        Thread.onSpinWait();
      }
      inside[1] = System.nanoTime();
      return v + 1;
    });
    long[] heard = {-1, -1};
    g.addListener(new GraphListener() {
      @Override
      public void nodeStartedAt(Node<?> node, long startNanos) {
        heard[0] = startNanos;
      }

      @Override
      public void nodeFinished(Node<?> node, long nanos, boolean changed) {
        heard[1] = nanos;
      }
    });
    long before = System.nanoTime();
    assertThat(f.call(1).get()).isEqualTo(2);
    long after = System.nanoTime();
    assertThat(heard[0]).isBetween(before, inside[0]);
    assertThat(heard[0] + heard[1]).isBetween(inside[1], after);
  }

  @Test
  void aListenerImplementingOnlyNodeStartedStillHearsEveryStart() {
    Graph g = Graph.builder().sequential().build();
    List<String> started = new ArrayList<>();
    g.addListener(new GraphListener() {
      @Override
      public void nodeStarted(Node<?> node) {
        started.add(node.name());
      }
    });
    Fn1<Integer, Integer> f = g.fn1("F", v -> v * 2);
    Source<Integer> x = g.source("x", 1);
    Node<Integer> n = f.call(x);
    n.get();
    x.set(2);
    n.get();
    assertThat(started).containsExactly(n.name(), n.name());
  }
}
