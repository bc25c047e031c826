package dev.sloth.cache;

import dev.sloth.graph.Fn0;
import dev.sloth.graph.Fn1;
import dev.sloth.graph.Fn2;
import dev.sloth.graph.FnOptions;
import dev.sloth.graph.Function0;
import dev.sloth.graph.Function1;
import dev.sloth.graph.Function2;
import dev.sloth.graph.Graph;
import dev.sloth.graph.MultiFn1;
import dev.sloth.graph.Node;
import java.util.concurrent.CompletionStage;

/** Short names for the graph calls the tests make (Sloth's function types are Serializable already). */
final class Fns {
  private Fns() {}

  interface F0<R> extends Function0<R> {}

  interface F1<A, R> extends Function1<A, R> {}

  interface F2<A, B, R> extends Function2<A, B, R> {}

  static <R> Fn0<R> fn0(Graph g, String name, F0<R> f) {
    return g.fn0(name, f);
  }

  static <A, R> Fn1<A, R> fn1(Graph g, String name, F1<A, R> f) {
    return g.fn1(name, f);
  }

  static <A, R> Fn1<A, R> fn1(Graph g, String name, FnOptions options, F1<A, R> f) {
    return g.fn1(name, options, f);
  }

  static <A, B, R> Fn2<A, B, R> fn2(Graph g, String name, F2<A, B, R> f) {
    return g.fn2(name, f);
  }

  static <A, R> Fn1<A, R> fnAsync1(Graph g, String name, F1<A, CompletionStage<R>> f) {
    return g.fnAsync1(name, f);
  }

  static <A, O> MultiFn1<A, O> fnMulti1(Graph g, String name, F1<A, O> f) {
    return g.fnMulti1(name, f);
  }

  static <T> Node<T> computed(Graph g, String name, F0<T> body) {
    return g.computed(name, body);
  }
}
