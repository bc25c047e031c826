package dev.sloth.bench.graph;

import dev.sloth.graph.FnN;
import dev.sloth.graph.Function1;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.openjdk.jol.info.GraphLayout;
import org.openjdk.jol.util.Multiset;

/**
 * Heap a graph keeps per node, besides the nodes' values, measured two ways.
 *
 * <p><b>Heap delta.</b> Records {@code nodes} nodes, keeps the root referenced (a node holds its dependencies, so
 * the root holds them all), and reads the heap in use after full collections (repeated until it stops shrinking),
 * once after recording and once after {@code get()}; each minus a baseline taken before, divided by the node count.
 * The values cost nothing extra: the chain is {@code Same(Same(...Same(7)))} whose every value is the one cached
 * {@code Integer 7}, and the fan-in's leaves {@code Same(x[i])} return arguments boxed before the baseline (the
 * {@code Sum} root adds one Integer).
 *
 * <p><b>By class.</b> With JOL ({@link GraphLayout}) it walks everything reachable from an evaluated sequential
 * chain at two lengths and divides the difference per class by the difference in length: the exact bytes each
 * node adds, and which objects they are in (for a parallel graph the same objects, by the heap delta).
 *
 * <pre>{@code
 * java -XX:+UseSerialGC -cp sloth-bench/target/benchmarks.jar dev.sloth.bench.graph.RetainedBytes 200000
 * }</pre>
 *
 * Prints lines {@code RETAINED <shape> <mode> <nodes> <bytes/node recorded> <bytes/node evaluated>}, then the
 * per-class table.
 */
public final class RetainedBytes {
  private static final Integer SEVEN = 7;
  private static final Function1<Integer, Integer> SAME = x -> x;
  private static final Function1<List<Integer>, Integer> COUNT = List::size;
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private RetainedBytes() {}

  public static void main(String[] args) {
    // JOL cannot take field offsets of hidden classes (lambdas) through Unsafe on recent JDKs; this asks it to
    // find them another way. Set before JOL's first use.
    System.setProperty("jol.magicFieldOffset", "true");
    int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    if (nodes < 1_000) {
      throw new IllegalArgumentException("nodes must be at least 1,000 for a meaningful average, was " + nodes);
    }
    System.out.printf(Locale.ROOT, "Retained heap per node, %,d nodes, %s, %s%n", nodes,
        Runtime.version(), ManagementFactory.getGarbageCollectorMXBeans().get(0).getName());
    for (boolean print : new boolean[] {false, true}) { // a first, silent pass settles class loading and the heap
      for (String shape : List.of("chain", "fanIn")) {
        for (boolean parallel : new boolean[] {false, true}) {
          measure(shape, parallel, print ? nodes : nodes / 10, print);
        }
      }
    }
    byClass(1_000, 11_000);
  }

  private static void measure(String shape, boolean parallel, int nodes, boolean print) {
    Integer[] boxed = shape.equals("fanIn") ? boxed(nodes - 1) : null;
    long base = usedAfterGc();
    Graph g = GraphShapes.graph(parallel);
    Node<Integer> root = shape.equals("chain") ? sameChain(g, nodes) : sameFanIn(g, boxed);
    long recorded = usedAfterGc() - base;
    int value = root.get();
    int expected = shape.equals("chain") ? SEVEN : nodes - 1;
    if (value != expected) {
      throw new IllegalStateException(shape + " computed " + value + ", expected " + expected);
    }
    long evaluated = usedAfterGc() - base;
    Reference.reachabilityFence(root);
    Reference.reachabilityFence(boxed);
    if (print) {
      System.out.printf(Locale.ROOT, "RETAINED %s %s %d %.1f %.1f%n", shape, parallel ? "parallel" : "sequential",
          nodes, (double) recorded / nodes, (double) evaluated / nodes);
    }
  }

  /** {@code Same(Same(...Same(7)))}, {@code nodes} deep: every value is the same cached Integer. */
  private static Node<Integer> sameChain(Graph g, int nodes) {
    return GraphShapes.chain(g, nodes, "Same", SAME, SEVEN);
  }

  /** {@code Count(Same(x[0]), ..., Same(x[n-1]))}: each leaf's value is its argument, boxed before the baseline. */
  private static Node<Integer> sameFanIn(Graph g, Integer[] xs) {
    var same = g.fn1("Same", SAME);
    FnN<Integer, Integer> count = g.fnN("Count", Integer.class, COUNT);
    List<Node<Integer>> leaves = new ArrayList<>(xs.length);
    for (Integer x : xs) {
      leaves.add(same.call(x));
    }
    return count.call(leaves);
  }

  private static Integer[] boxed(int n) {
    Integer[] xs = new Integer[n];
    for (int i = 0; i < n; i++) {
      xs[i] = 1_000_000 + i; // outside the Integer cache: each a distinct object, like real arguments
    }
    return xs;
  }

  /** Heap in use after full collections, repeated until it stops shrinking. */
  private static long usedAfterGc() {
    long used = Long.MAX_VALUE;
    for (int round = 0; round < 10; round++) {
      System.gc();
      long now = MEMORY.getHeapMemoryUsage().getUsed();
      if (now >= used && round >= 2) {
        return Math.min(now, used);
      }
      used = Math.min(used, now);
    }
    return used;
  }

  /** The bytes per node by class: JOL's walk of evaluated chains of two lengths, differenced. */
  private static void byClass(int shorter, int longer) {
    GraphLayout small = evaluatedChainLayout(shorter);
    GraphLayout large = evaluatedChainLayout(longer);
    int added = longer - shorter;
    Multiset<Class<?>> smallSizes = small.getClassSizes();
    Multiset<Class<?>> largeSizes = large.getClassSizes();
    Multiset<Class<?>> smallCounts = small.getClassCounts();
    Multiset<Class<?>> largeCounts = large.getClassCounts();
    List<Class<?>> classes = new ArrayList<>(large.getClasses());
    classes.sort(Comparator.comparingLong((Class<?> c) -> largeSizes.count(c) - smallSizes.count(c)).reversed());
    System.out.printf(Locale.ROOT, "Per evaluated chain node, by class (JOL, chains of %,d and %,d nodes):%n",
        shorter, longer);
    System.out.printf(Locale.ROOT, "  %-62s %8s %10s%n", "class", "objects", "bytes");
    double total = 0;
    for (Class<?> c : classes) {
      double bytes = (double) (largeSizes.count(c) - smallSizes.count(c)) / added;
      double objects = (double) (largeCounts.count(c) - smallCounts.count(c)) / added;
      if (bytes >= 0.5) {
        System.out.printf(Locale.ROOT, "  %-62s %8.2f %10.1f%n", c.getName(), objects, bytes);
      }
      total += bytes;
    }
    System.out.printf(Locale.ROOT, "  %-62s %8s %10.1f%n", "total", "", total);
    System.out.printf(Locale.ROOT, "JOL %d %.1f%n", added, total);
  }

  private static GraphLayout evaluatedChainLayout(int length) {
    // Sequential, on an executor of its own: the walk then stays inside the graph instead of the shared pool.
    Graph g = Graph.builder().sequential().executor(Runnable::run).build();
    Node<Integer> root = sameChain(g, length);
    root.get();
    return GraphLayout.parseInstance(root);
  }
}
