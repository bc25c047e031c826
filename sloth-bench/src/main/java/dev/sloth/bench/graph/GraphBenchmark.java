package dev.sloth.bench.graph;

import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Per-node cost of the graph engine: each invocation records a fresh graph of one shape ({@link GraphShapes}) and
 * calls {@code get()} on its root, so the score (microseconds per operation, one operation per node) is build plus
 * evaluation of one node. The {@code *Build} benchmarks record the same graphs without evaluating them, which splits
 * the cost in two. Run with {@code sloth-bench/run-graph.sh}, which puts Dask beside it.
 *
 * <pre>{@code
 * java -jar sloth-bench/target/benchmarks.jar 'graph.GraphBenchmark' -f 1 -wi 5 -w 1s -i 5 -r 1s
 * }</pre>
 *
 * <p>Each fork runs on a fixed, pre-touched heap: on a fresh virtual machine the first touch of a page costs the host
 * a fault (about 20 us a page here), which a heap growing during the measurement paid inside it, more on the side
 * that allocates more (a pass on the default heap scattered iterations from 0.2 to 1.7 us per node).
 */
@State(Scope.Thread)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class GraphBenchmark {
  private static final int FAN_IN_NODES = GraphShapes.FAN_IN_WIDTH + 1;
  private static final int CHAIN_NODES = GraphShapes.CHAIN_LENGTH;

  /** Where the nodes run: on the calling thread, or on the shared ForkJoinPool. */
  @Param({"sequential", "parallel"})
  public String mode;

  private boolean parallel;

  @Setup
  public void setUp() {
    switch (mode) {
      case "sequential" -> parallel = false;
      case "parallel" -> parallel = true;
      default -> throw new IllegalArgumentException("mode must be 'sequential' or 'parallel', was '" + mode + "'");
    }
    // A wrong answer would make every number meaningless: check once per trial.
    int fanIn = GraphShapes.fanIn(GraphShapes.graph(parallel), GraphShapes.FAN_IN_WIDTH).get();
    int chain = GraphShapes.chain(GraphShapes.graph(parallel), GraphShapes.CHAIN_LENGTH).get();
    if (fanIn != GraphShapes.fanInValue(GraphShapes.FAN_IN_WIDTH) || chain != GraphShapes.CHAIN_LENGTH) {
      throw new IllegalStateException("wrong results: fan-in " + fanIn + ", chain " + chain);
    }
  }

  /** 20,000 {@code Square} leaves and one {@code Sum}: build and {@code get()}, per node. */
  @Benchmark
  @OperationsPerInvocation(FAN_IN_NODES)
  public Integer fanIn() {
    return GraphShapes.fanIn(GraphShapes.graph(parallel), GraphShapes.FAN_IN_WIDTH).get();
  }

  /** 2,000 {@code Inc}s, each of the previous: build and {@code get()}, per node. */
  @Benchmark
  @OperationsPerInvocation(CHAIN_NODES)
  public Integer chain() {
    return GraphShapes.chain(GraphShapes.graph(parallel), GraphShapes.CHAIN_LENGTH).get();
  }

  /**
   * The fan-in written with {@code CompletableFuture} (issue 10, item 3): {@code supplyAsync} per leaf on the
   * common pool, {@code allOf}, then the sum; no caching, sharing or cutoff. Per node.
   */
  @Benchmark
  @OperationsPerInvocation(FAN_IN_NODES)
  public Integer fanInCompletableFuture() {
    return GraphShapes.fanInFutures(GraphShapes.FAN_IN_WIDTH);
  }

  /** The chain written with {@code CompletableFuture}: {@code thenApplyAsync} per link. Per node. */
  @Benchmark
  @OperationsPerInvocation(CHAIN_NODES)
  public Integer chainCompletableFuture() {
    return GraphShapes.chainFutures(GraphShapes.CHAIN_LENGTH);
  }

  /** The fan-in recorded but not evaluated: the build share of {@link #fanIn}, per node. */
  @Benchmark
  @OperationsPerInvocation(FAN_IN_NODES)
  public Node<Integer> fanInBuild() {
    Graph g = GraphShapes.graph(parallel);
    return GraphShapes.fanIn(g, GraphShapes.FAN_IN_WIDTH);
  }

  /** The chain recorded but not evaluated: the build share of {@link #chain}, per node. */
  @Benchmark
  @OperationsPerInvocation(CHAIN_NODES)
  public Node<Integer> chainBuild() {
    return GraphShapes.chain(GraphShapes.graph(parallel), GraphShapes.CHAIN_LENGTH);
  }
}
