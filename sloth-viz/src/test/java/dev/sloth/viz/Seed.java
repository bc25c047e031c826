package dev.sloth.viz;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.util.concurrent.atomic.AtomicInteger;

/** The seed's example: a = Square(x), b = Square(y), c = Mul(a, b), d = Add(a, b), with run counts. */
final class Seed {
  final Graph g = Graph.builder().sequential().build();
  final AtomicInteger runs = new AtomicInteger();
  final Fn1<Integer, Integer> square = g.fn1("Square", v -> count(v * v));
  final Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (p, q) -> count(p * q));
  final Fn2<Integer, Integer, Integer> add = g.fn2("Add", (p, q) -> count(p + q));
  final Source<Integer> x = g.source("x", 2);
  final Source<Integer> y = g.source("y", 3);
  final Node<Integer> a = square.call(x);
  final Node<Integer> b = square.call(y);
  final Node<Integer> c = mul.call(a, b);
  final Node<Integer> d = add.call(a, b);

  private int count(int v) {
    runs.incrementAndGet();
    return v;
  }
}
