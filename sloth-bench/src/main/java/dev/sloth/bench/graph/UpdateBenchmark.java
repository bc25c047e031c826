package dev.sloth.bench.graph;

import dev.sloth.graph.Fn2;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.util.ArrayList;
import java.util.List;
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
 * Cost of an update against the size of the graph (issue 10, item 1): a binary tree of {@code Add} nodes over
 * {@code leaves} sources (2 x leaves - 1 nodes in all), evaluated once in the setup; each operation sets one source
 * (a different one each time, to a new value) and calls {@code get()} on the root. About 20 nodes are affected
 * whatever the size, so an engine that pays for what changed is flat in {@code leaves}.
 *
 * <pre>{@code
 * java -jar sloth-bench/target/benchmarks.jar 'graph.UpdateBenchmark' -f 1 -wi 3 -w 1s -i 5 -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class UpdateBenchmark {
  /** Sources; the tree has 2 x leaves - 1 nodes: 1k, 8k, 131k, 1M, 2M. */
  @Param({"512", "4096", "65536", "524288", "1048576"})
  public int leaves;

  @Param({"sequential", "parallel"})
  public String mode;

  private List<Source<Integer>> sources;
  private Node<Integer> root;
  private int next;
  private int round;

  @Setup(Level.Trial)
  public void setUp() {
    Graph g = GraphShapes.graph(mode.equals("parallel"));
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);
    sources = new ArrayList<>(leaves);
    List<Node<Integer>> level = new ArrayList<>(leaves);
    for (int i = 0; i < leaves; i++) {
      Source<Integer> s = g.source("s" + i, 0);
      sources.add(s);
      level.add(s);
    }
    while (level.size() > 1) {
      List<Node<Integer>> up = new ArrayList<>(level.size() / 2);
      for (int i = 0; i < level.size(); i += 2) {
        up.add(add.call(level.get(i), level.get(i + 1)));
      }
      level = up;
    }
    root = level.get(0);
    if (root.get() != 0) {
      throw new IllegalStateException("wrong sum");
    }
  }

  /** One source set to a new value, then the root's value: the change propagated, about 20 nodes. */
  @Benchmark
  public Integer setAndGet() {
    int i = next;
    next = (i + 7919) % leaves; // a different leaf each time, all over the tree
    if (i == 0) {
      round++;
    }
    sources.get(i).set(round);
    return root.get();
  }
}
