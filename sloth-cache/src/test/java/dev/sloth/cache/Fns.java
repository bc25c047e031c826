package dev.sloth.cache;

import dev.sloth.graph.Fn0;
import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.FnOptions;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.io.Serializable;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/** Serializable function types for the tests, and the graph calls that take them. */
final class Fns {
  private Fns() {}

  interface F0<R> extends Supplier<R>, Serializable {}

  interface F1<A, R> extends Function<A, R>, Serializable {}

  interface F2<A, B, R> extends BiFunction<A, B, R>, Serializable {}

  static <R> Fn0<R> fn0(Graph g, String name, F0<R> f) {
    return g.fn(name, f);
  }

  static <A, R> Fn1<A, R> fn1(Graph g, String name, F1<A, R> f) {
    return g.fn(name, f);
  }

  static <A, R> Fn1<A, R> fn1(Graph g, String name, FnOptions options, F1<A, R> f) {
    return g.fn(name, options, f);
  }

  static <A, B, R> Fn2<A, B, R> fn2(Graph g, String name, F2<A, B, R> f) {
    return g.fn(name, f);
  }

  static <A, R> Fn1<A, R> fnAsync1(Graph g, String name, F1<A, java.util.concurrent.CompletionStage<R>> f) {
    return g.fnAsync(name, f);
  }

  static <A> dev.sloth.graph.MultiFn<A> fnMulti1(Graph g, String name, int outputs, F1<A, ?> f) {
    return g.fnMulti(name, outputs, f);
  }

  static <T> Node<T> computed(Graph g, String name, F0<T> body) {
    return g.computed(name, body);
  }
}
