package dev.sloth.graph;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's view of a function given to {@link Graph#fn}: its name, options, and an {@link Invoker} that calls
 * the user's function with an argument array. The public {@code Fn0}..{@code FnN} classes are typed fronts for it.
 */
final class WrappedFunction {
  /** Calls the user's function with the argument values. */
  @FunctionalInterface
  interface Invoker {
    Object invoke(Object[] args);
  }

  final Graph graph;
  final String name;
  final FnOptions options;
  /** The function the user gave, to tell a reused name with the same function from one with another. */
  final Object userFunction;
  /** The number of arguments, or -1 for any number. */
  final int arity;
  /** For any-arity functions, the type every argument must have; otherwise null. */
  final Class<?> argType;
  final Invoker invoker;
  /** True for a {@link Graph#computed} node's body: the node is named exactly {@link #name}. */
  final boolean computed;
  /** True if the function returns a {@code CompletionStage} of the node's value. */
  final boolean async;
  private final AtomicInteger calls = new AtomicInteger();

  WrappedFunction(Graph graph, String name, FnOptions options, Object userFunction, int arity, Class<?> argType,
      Invoker invoker, boolean computed, boolean async) {
    this.graph = graph;
    this.name = name;
    this.options = options;
    this.userFunction = userFunction;
    this.arity = arity;
    this.argType = argType;
    this.invoker = invoker;
    this.computed = computed;
    this.async = async;
  }

  String name() {
    return name;
  }

  FnOptions options() {
    return options;
  }

  int nextSequence() {
    return calls.incrementAndGet();
  }

  <R> Node<R> call(Object[] args) {
    return graph.registry().call(this, args);
  }

  boolean sameDefinition(WrappedFunction other) {
    return other.userFunction == userFunction && other.arity == arity && other.argType == argType
        && other.options.equals(options) && other.async == async;
  }

  @Override
  public String toString() {
    return "Fn[" + name + (arity >= 0 ? "/" + arity : "/*") + "]";
  }
}
