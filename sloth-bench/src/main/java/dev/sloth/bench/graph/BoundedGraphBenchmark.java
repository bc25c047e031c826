package dev.sloth.bench.graph;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What a bound on cached values costs (issue 10 item 5, {@code Graph.builder().maximumCachedValues(n)}), bound off
 * against on, each in its own fork (a JVM that never made a bound pays one static field read):
 *
 * <ul>
 *   <li>{@link #chain}: {@link GraphBenchmark#chain}'s 2,000-link chain, built and evaluated, with at most 100 values
 *       kept, so 1,900 evictions per chain: per node;
 *   <li>{@link #getHeld}: {@code get()} of a node whose value is held, again and again (the fast path; with a
 *       bound, the node is already the most recent, which a field read tells);
 *   <li>{@link #getHeldInTurn}: {@code get()} of 64 held nodes in turn (with a bound, each read moves its node to
 *       the most recent end of the LRU list, under a {@code tryLock}): per {@code get()};
 *   <li>{@link #getEvicted}: two nodes read in turn with one value kept (bound on), so every {@code get()} restores
 *       its node (one run of {@code x * 2}) and evicts the other; bound off, both are held reads: per {@code get()}.
 * </ul>
 *
 * <pre>{@code
 * java -jar sloth-bench/target/benchmarks.jar 'graph.BoundedGraphBenchmark' -f 1 -wi 3 -i 5 -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BoundedGraphBenchmark {
  private static final int KEPT = 100;

  /** "off": no bound; "on": {@code maximumCachedValues(100)}. */
  @Param({"off", "on"})
  public String bound;

  @Param({"sequential", "parallel"})
  public String mode;

  private Graph held;
  private Node<Integer> heldNode;
  private final java.util.List<Node<Integer>> inTurn = new java.util.ArrayList<>();
  private Node<Integer> first;
  private Node<Integer> second;

  private Graph graph() {
    Graph.Builder b = Graph.builder();
    if (mode.equals("sequential")) {
      b.sequential();
    }
    if (bound.equals("on")) {
      b.maximumCachedValues(KEPT);
    }
    return b.build();
  }

  @Setup
  public void setUp() {
    held = graph();
    Fn1<Integer, Integer> inc = held.fn1("Inc", x -> x + 1);
    heldNode = inc.call(1);
    heldNode.get();
    for (int i = 0; i < 64; i++) {
      Node<Integer> n = inc.call(100 + i);
      n.get();
      inTurn.add(n);
    }
    Graph.Builder tiny = mode.equals("sequential") ? Graph.builder().sequential() : Graph.builder();
    if (bound.equals("on")) {
      tiny.maximumCachedValues(1);
    }
    Fn1<Integer, Integer> twice = tiny.build().fn1("Twice", x -> x * 2);
    first = twice.call(1);
    second = twice.call(2);
    int chain = GraphShapes.chain(graph(), GraphShapes.CHAIN_LENGTH).get();
    if (chain != GraphShapes.CHAIN_LENGTH || heldNode.get() != 2) {
      throw new IllegalStateException("wrong results: chain " + chain);
    }
  }

  /** 2,000 {@code Inc}s, each of the previous, at most 100 values kept (bound on): build and get, per node. */
  @Benchmark
  @OperationsPerInvocation(GraphShapes.CHAIN_LENGTH)
  public Integer chain() {
    return GraphShapes.chain(graph(), GraphShapes.CHAIN_LENGTH).get();
  }

  /** {@code get()} of a held value. */
  @Benchmark
  public Integer getHeld() {
    return heldNode.get();
  }

  /** 64 held nodes read in turn. */
  @Benchmark
  @OperationsPerInvocation(64)
  public int getHeldInTurn() {
    int sum = 0;
    for (int i = 0; i < 64; i++) {
      sum += inTurn.get(i).get();
    }
    return sum;
  }

  /** Two nodes read in turn: with one value kept, each get restores its node and evicts the other. */
  @Benchmark
  @OperationsPerInvocation(2)
  public int getEvicted() {
    return first.get() + second.get();
  }
}
