package dev.sloth.bench.graph;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.FnN;
import dev.sloth.graph.Function1;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * The graph shapes the graph benchmarks measure, built the same way by the JMH benchmark, the retained-bytes
 * measurement and (in Python) by {@code sloth-bench/python/graph_dask.py}:
 *
 * <ul>
 *   <li><b>fan-in</b>: {@code width} leaf calls {@code Square(i)} on distinct ints, summed by one {@code Sum} node
 *       of any arity: {@code width + 1} nodes, all leaves independent;
 *   <li><b>chain</b>: {@code Inc(Inc(...Inc(0)))}, {@code length} nodes, each depending on the previous one.
 * </ul>
 *
 * <pre>{@code
 * Graph g = GraphShapes.graph(false);          // sequential
 * int total = GraphShapes.fanIn(g, 20_000).get();
 * }</pre>
 */
final class GraphShapes {
  /** The fan-in width and chain length of the issue: 20,000 leaves, 2,000 links. */
  static final int FAN_IN_WIDTH = 20_000;
  static final int CHAIN_LENGTH = 2_000;

  private static final Function1<Integer, Integer> SQUARE = x -> x * x;
  private static final Function1<Integer, Integer> INC = x -> x + 1;
  private static final Function1<List<Integer>, Integer> SUM = xs -> {
    int s = 0;
    for (int i = 0, n = xs.size(); i < n; i++) {
      s += xs.get(i);
    }
    return s;
  };

  private GraphShapes() {}

  /** A new parallel graph (on the shared pool) or a new sequential one. */
  static Graph graph(boolean parallel) {
    return parallel ? Graph.create() : Graph.builder().sequential().build();
  }

  /** Records {@code Sum(Square(0), ..., Square(width - 1))} in {@code g}; runs nothing. */
  static Node<Integer> fanIn(Graph g, int width) {
    Fn1<Integer, Integer> square = g.fn1("Square", SQUARE);
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, SUM);
    List<Node<Integer>> leaves = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      leaves.add(square.call(i));
    }
    return sum.call(leaves);
  }

  /** {@link #fanIn} written with futures: {@code supplyAsync} per leaf, {@code allOf}, the sum. */
  static int fanInFutures(int width) {
    @SuppressWarnings("unchecked")
    java.util.concurrent.CompletableFuture<Integer>[] leaves = new java.util.concurrent.CompletableFuture[width];
    for (int i = 0; i < width; i++) {
      int x = i;
      leaves[i] = java.util.concurrent.CompletableFuture.supplyAsync(() -> x * x);
    }
    return java.util.concurrent.CompletableFuture.allOf(leaves).thenApply(ignored -> {
      int sum = 0;
      for (java.util.concurrent.CompletableFuture<Integer> f : leaves) {
        sum += f.join();
      }
      return sum;
    }).join();
  }

  /** {@link #chain(Graph, int)} written with futures: {@code thenApplyAsync} per link. */
  static int chainFutures(int length) {
    java.util.concurrent.CompletableFuture<Integer> f = java.util.concurrent.CompletableFuture.completedFuture(0);
    for (int i = 0; i < length; i++) {
      f = f.thenApplyAsync(x -> x + 1);
    }
    return f.join();
  }

  /** The value {@link #fanIn} computes, for checking: the sum of the squares, in int arithmetic. */
  static int fanInValue(int width) {
    int s = 0;
    for (int i = 0; i < width; i++) {
      s += i * i;
    }
    return s;
  }

  /** Records {@code Inc(Inc(...Inc(start)))}, {@code length} calls deep, in {@code g}; runs nothing. */
  static Node<Integer> chain(Graph g, Node<Integer> start, int length) {
    Fn1<Integer, Integer> inc = g.fn1("Inc", INC);
    Node<Integer> n = start;
    for (int i = 0; i < length; i++) {
      n = inc.call(n);
    }
    return n;
  }

  /** Records {@code Inc(Inc(...Inc(0)))}, {@code length} calls deep, in {@code g}; runs nothing. */
  static Node<Integer> chain(Graph g, int length) {
    return chain(g, length, "Inc", INC, 0);
  }

  /**
   * Records a chain of {@code length} calls of {@code f} (named {@code name}) starting from the plain value {@code
   * start}; runs nothing.
   */
  static Node<Integer> chain(Graph g, int length, String name, Function1<Integer, Integer> f, int start) {
    if (length < 1) {
      throw new IllegalArgumentException("a chain needs at least 1 node, was " + length);
    }
    Fn1<Integer, Integer> fn = g.fn1(name, f);
    Node<Integer> n = fn.call(start);
    for (int i = 1; i < length; i++) {
      n = fn.call(n);
    }
    return n;
  }
}
