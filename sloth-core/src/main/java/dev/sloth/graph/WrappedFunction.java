package dev.sloth.graph;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's view of a function given to {@link Graph#fn1 Graph.fn0..fn4}: its name, options, and an {@link Invoker}
 * that calls
 * the user's function with an argument array. The public {@code Fn0}..{@code FnN} classes are typed fronts for it.
 */
final class WrappedFunction {
  /** Calls the user's function with the argument values. */
  @FunctionalInterface
  interface Invoker {
    Object invoke(Object[] args) throws Exception;
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
  /** The bound on this function's cached values (its own, or its graph's), or null. */
  final LruPolicy lru;
  /** The sequence numbers of a function that does not share its calls (they are made under no common lock). */
  private final AtomicLong calls = new AtomicLong();
  /**
   * The sequence numbers of a sharing function: the last one given. Plain: every node of a sharing function is made
   * under the monitor of one segment of its graph's node table, {@link #tableSegment} (see {@link NodeTable}).
   */
  long sharedCalls;
  /** The segment of its graph's {@link NodeTable} that holds every node of this function, if it shares its calls. */
  final int tableSegment;
  /**
   * Whether this function's last timed run took less than {@link GraphListener#SHORT_RUN_NANOS}, so that under
   * {@link GraphListener.RunTiming#SAMPLED} only a sample of its runs is timed (see {@code CallNode}). Plain and
   * racy on purpose: a stale read only times a run more or less, and it is written only when it changes.
   */
  boolean shortRuns;
  /**
   * How many of this function's values its bound evicted ({@link LruPolicy}): written under that policy's lock only
   * (all of a function's values are under one policy), read by {@link GraphStats} snapshots without it.
   */
  volatile long evictions;
  /** The name the user gave, for {@link #identity()}; differs from {@link #name} for a renamed computed node. */
  private final String givenName;
  private volatile FunctionIdentity identity;

  WrappedFunction(Graph graph, String name, FnOptions options, Object userFunction, int arity, Class<?> argType,
      Invoker invoker, boolean computed, boolean async) {
    this(graph, name, name, options, userFunction, arity, argType, invoker, computed, async);
  }

  WrappedFunction(Graph graph, String name, String givenName, FnOptions options, Object userFunction, int arity,
      Class<?> argType, Invoker invoker, boolean computed, boolean async) {
    this.graph = graph;
    this.tableSegment = NodeTable.functionSegment(System.identityHashCode(this));
    this.givenName = givenName;
    this.name = name;
    this.options = options;
    this.userFunction = userFunction;
    this.arity = arity;
    this.argType = argType;
    this.invoker = invoker;
    this.computed = computed;
    this.async = async;
    LruPolicy.CacheBound own = options.cacheBound();
    this.lru = own != null ? new LruPolicy(own, "function '" + name + "'") : graph.lru();
  }

  String name() {
    return name;
  }

  FnOptions options() {
    return options;
  }

  /** The next sequence number of a function that does not share its calls; a sharing one's are {@link #sharedCalls}. */
  long nextSequence() {
    return calls.incrementAndGet();
  }

  <R> Node<R> call(Object[] args) {
    return graph.registry().call(this, args);
  }

  /** The identity of the user's function, read once on first use (see {@link FunctionIdentity}). */
  FunctionIdentity identity() {
    FunctionIdentity id = identity;
    if (id == null) {
      identity = id = FunctionIdentity.of(givenName, userFunction);
    }
    return id;
  }

  /**
   * Whether {@code other}, given under the same name, is the same function: the same object, or a lambda with an
   * equal identity (the same code with equal captured values, as a lambda evaluated again at the same place is).
   */
  boolean sameDefinition(WrappedFunction other) {
    return other.arity == arity && other.argType == argType && other.options.equals(options) && other.async == async
        && (other.userFunction == userFunction
            || (identity().isLambda() && other.identity().equals(identity())));
  }

  @Override
  public String toString() {
    return "Fn[" + name + (arity >= 0 ? "/" + arity : "/*") + "]";
  }
}
