package dev.sloth.viz.testing;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The guide's example, with run counts: a = Square(x), b = Square(y), c = Mul(a, b), d = Add(a, b). Shared by the
 * tests of sloth-viz and sloth-jgrapht (through sloth-viz's test jar).
 */
public final class ExampleGraph {
  public final Graph g = Graph.builder().sequential().build();
  public final AtomicInteger runs = new AtomicInteger();
  public final Fn1<Integer, Integer> square = g.fn1("Square", v -> count(v * v));
  public final Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (p, q) -> count(p * q));
  public final Fn2<Integer, Integer, Integer> add = g.fn2("Add", (p, q) -> count(p + q));
  public final Source<Integer> x = g.source("x", 2);
  public final Source<Integer> y = g.source("y", 3);
  public final Node<Integer> a = square.call(x);
  public final Node<Integer> b = square.call(y);
  public final Node<Integer> c = mul.call(a, b);
  public final Node<Integer> d = add.call(a, b);

  private int count(int v) {
    runs.incrementAndGet();
    return v;
  }
}
