package dev.sloth.bench.graph;

import dev.sloth.graph.Graph;
import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of inspection (issue 10, item 4): {@code g.dump()} of a chain of {@code length} nodes, evaluated and then made
 * stale by one {@code set} of its source (so every node's state is STALE, the case that was quadratic).
 *
 * <pre>{@code
 * java -jar sloth-bench/target/benchmarks.jar 'graph.DumpBenchmark' -f 1 -wi 3 -w 1s -i 5 -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class DumpBenchmark {
  @Param({"8000", "1000000"})
  public int length;

  private Graph g;
  private Node<Integer> last;

  @Setup(Level.Trial)
  public void setUp() {
    g = Graph.builder().sequential().build();
    Source<Integer> start = g.source("start", 0);
    last = GraphShapes.chain(g, start, length);
    last.get();
    start.set(1);
  }

  @Benchmark
  public GraphSnapshot dumpOfAStaleChain() {
    return g.dump();
  }
}
