package dev.sloth.bench.graph;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Graph;
import dev.sloth.graph.GraphListener;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a {@link GraphListener} costs a {@code get()} (issue 3: "overhead of the listener when none is registered
 * must be ~0"): a source feeding a chain of 10 {@code Inc} calls on a sequential graph, with no listener, a no-op
 * listener (every method the interface's empty default), or a counting one (a field increment per node finished).
 * {@code setAndGet} changes the source and gets the end of the chain (10 nodes run, 10 events of each kind);
 * {@code getValid} gets it again unchanged (nothing runs: the cheapest {@code get()}).
 *
 * <pre>{@code
 * ./sloth bench ListenerBenchmark -f 1 -wi 3 -w 1s -i 5 -r 1s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ListenerBenchmark {
  /** A listener that counts finished nodes: the least a real listener does. */
  static final class Counting implements GraphListener {
    long finished;

    @Override
    public void nodeFinished(Node<?> node, long nanos, boolean changed) {
      finished++;
    }
  }

  @Param({"none", "noop", "counting"})
  public String listener;

  private Source<Integer> source;
  private Node<Integer> end;
  private int next;

  @Setup
  public void setUp() {
    Graph g = Graph.builder().sequential().build();
    switch (listener) {
      case "none" -> { }
      case "noop" -> g.addListener(new GraphListener() {});
      case "counting" -> g.addListener(new Counting());
      default -> throw new IllegalArgumentException("listener is '" + listener + "'; expected none, noop, counting");
    }
    Fn1<Integer, Integer> inc = g.fn1("Inc", v -> v + 1);
    source = g.source("x", 0);
    Node<Integer> n = source;
    for (int i = 0; i < 10; i++) {
      n = inc.call(n);
    }
    end = n;
    end.get();
  }

  @Benchmark
  public Integer setAndGet() {
    source.set(++next);
    return end.get();
  }

  @Benchmark
  public Integer getValid() {
    return end.get();
  }
}
