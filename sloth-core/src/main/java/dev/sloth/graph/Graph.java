package dev.sloth.graph;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A lazy dataflow graph. Wrap plain, stateless functions with {@link #fn}; calling a wrapped function records a
 * {@link Node} and runs nothing. {@link Node#get()} then runs only the stale ancestors that value needs, in parallel
 * where they are independent, caches every output, and after a {@link Source} changes recomputes only what it
 * affects.
 *
 * <pre>{@code
 * Graph g = Graph.create();
 * Fn1<Integer, Integer> square = g.fn("Square", x -> x * x);
 * Fn2<Integer, Integer, Integer> mul = g.fn("Mul", (x, y) -> x * y);
 * Node<Integer> a = square.call(2);                  // records, runs nothing
 * Node<Integer> c = mul.call(a, square.call(3));     // plain values or nodes, in any mix
 * c.get();                                           // runs Square, Square (in parallel), then Mul: 36
 *
 * Source<Integer> x = g.source("x", 2);
 * Node<Integer> y = square.call(x);
 * y.get();  x.set(5);  y.get();                      // 4, then 25: only Square(x) ran again
 * Node<Integer> z = g.computed("z", () -> y.get() + c.get());   // dependencies discovered as read
 * }</pre>
 *
 * <p>A graph is thread-safe. By default it runs independent nodes in parallel on a shared {@link ForkJoinPool}
 * (and functions declared {@linkplain FnOptions#blocking() blocking} on virtual threads); {@code
 * Graph.builder().sequential().build()} runs everything on the thread that calls {@code get()}. How evaluation
 * works is explained in {@code docs/architecture.md}.
 */
public final class Graph {
  private final boolean parallel;
  private final Executor executor;
  private final Registry registry;
  private final Events events = new Events();
  /** The session of the latest top-level evaluation: its runs are drawn as "ran in the last get". */
  private volatile Object lastSession;
  /** Changes of this graph's sources are installed one at a time, in revision order (see {@link SourceNode}). */
  private final Object setLock = new Object();
  /** Functions of this graph running now (for {@link Evaluation#checkTopLevelRead}). */
  private final java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
  private final java.util.concurrent.atomic.AtomicInteger nodeIds = new java.util.concurrent.atomic.AtomicInteger();

  private Graph(Builder b) {
    this.parallel = b.parallel;
    this.registry = new Registry(this, b.maxTrace);
    this.executor = b.executor != null ? b.executor : Pools.cpu(b.parallelism);
  }

  /** A parallel graph with default settings. */
  public static Graph create() {
    return builder().build();
  }

  /** A builder for a graph with non-default settings. */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------------------- functions

  /** Wraps a function of no arguments. */
  public <R> Fn0<R> fn(String name, Supplier<? extends R> f) {
    return fn(name, FnOptions.defaults(), f);
  }

  /** Wraps a function of no arguments with the given options. */
  public <R> Fn0<R> fn(String name, FnOptions options, Supplier<? extends R> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return new Fn0<>(registry.function(name, options, f, 0, null, args -> f.get()));
  }

  /** Wraps a function of one argument. */
  public <A, R> Fn1<A, R> fn(String name, Function<? super A, ? extends R> f) {
    return fn(name, FnOptions.defaults(), f);
  }

  /** Wraps a function of one argument with the given options. */
  @SuppressWarnings("unchecked")
  public <A, R> Fn1<A, R> fn(String name, FnOptions options, Function<? super A, ? extends R> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return new Fn1<>(registry.function(name, options, f, 1, null, args -> f.apply((A) args[0])));
  }

  /** Wraps a function of two arguments. */
  public <A, B, R> Fn2<A, B, R> fn(String name, BiFunction<? super A, ? super B, ? extends R> f) {
    return fn(name, FnOptions.defaults(), f);
  }

  /** Wraps a function of two arguments with the given options. */
  @SuppressWarnings("unchecked")
  public <A, B, R> Fn2<A, B, R> fn(
      String name, FnOptions options, BiFunction<? super A, ? super B, ? extends R> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return new Fn2<>(registry.function(name, options, f, 2, null, args -> f.apply((A) args[0], (B) args[1])));
  }

  /** Wraps a function of three arguments. */
  public <A, B, C, R> Fn3<A, B, C, R> fn(
      String name, Function3<? super A, ? super B, ? super C, ? extends R> f) {
    return fn(name, FnOptions.defaults(), f);
  }

  /** Wraps a function of three arguments with the given options. */
  @SuppressWarnings("unchecked")
  public <A, B, C, R> Fn3<A, B, C, R> fn(
      String name, FnOptions options, Function3<? super A, ? super B, ? super C, ? extends R> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return new Fn3<>(registry.function(
        name, options, f, 3, null, args -> f.apply((A) args[0], (B) args[1], (C) args[2])));
  }

  /** Wraps a function of four arguments. */
  public <A, B, C, D, R> Fn4<A, B, C, D, R> fn(
      String name, Function4<? super A, ? super B, ? super C, ? super D, ? extends R> f) {
    return fn(name, FnOptions.defaults(), f);
  }

  /** Wraps a function of four arguments with the given options. */
  @SuppressWarnings("unchecked")
  public <A, B, C, D, R> Fn4<A, B, C, D, R> fn(
      String name, FnOptions options, Function4<? super A, ? super B, ? super C, ? super D, ? extends R> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return new Fn4<>(registry.function(
        name, options, f, 4, null, args -> f.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3])));
  }

  /**
   * Wraps a function of any number of arguments of type {@code argType}; it receives them as an immutable list.
   * Every argument is checked against {@code argType}: plain values when called, node values before running.
   */
  public <A, R> FnN<A, R> fnN(String name, Class<A> argType, Function<? super List<A>, ? extends R> f) {
    return fnN(name, FnOptions.defaults(), argType, f);
  }

  /** Wraps a function of any number of arguments with the given options; see {@link #fnN(String, Class, Function)}. */
  @SuppressWarnings("unchecked")
  public <A, R> FnN<A, R> fnN(
      String name, FnOptions options, Class<A> argType, Function<? super List<A>, ? extends R> f) {
    Objects.requireNonNull(argType, () -> "the argument type given for '" + name + "' is null");
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return new FnN<>(registry.function(
        name, options, f, -1, argType, args -> f.apply((List<A>) (List<?>) List.of(args))));
  }

  // ---------------------------------------------------------------------------------- asynchronous functions

  /**
   * Wraps a function of no arguments that returns a future of the value: its node completes when the future does,
   * with no thread waiting meanwhile.
   *
   * <pre>{@code
   * Fn1<URI, String> fetch = g.fnAsync("Fetch", uri -> http.sendAsync(request(uri), ofString()).thenApply(HttpResponse::body));
   * }</pre>
   */
  public <R> Fn0<R> fnAsync(String name, Supplier<? extends CompletionStage<? extends R>> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return new Fn0<>(registry.function(name, FnOptions.defaults(), f, 0, null, args -> f.get(), true));
  }

  /** Wraps an asynchronous function of one argument; see {@link #fnAsync(String, Supplier)}. */
  @SuppressWarnings("unchecked")
  public <A, R> Fn1<A, R> fnAsync(String name, Function<? super A, ? extends CompletionStage<? extends R>> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return new Fn1<>(registry.function(name, FnOptions.defaults(), f, 1, null, args -> f.apply((A) args[0]), true));
  }

  /** Wraps an asynchronous function of two arguments; see {@link #fnAsync(String, Supplier)}. */
  @SuppressWarnings("unchecked")
  public <A, B, R> Fn2<A, B, R> fnAsync(
      String name, BiFunction<? super A, ? super B, ? extends CompletionStage<? extends R>> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return new Fn2<>(registry.function(
        name, FnOptions.defaults(), f, 2, null, args -> f.apply((A) args[0], (B) args[1]), true));
  }

  // ------------------------------------------------------------------------------------ multi-output functions

  /**
   * Wraps a function of one argument with {@code outputs} outputs, each its own node; see {@link MultiFn}.
   *
   * @throws IllegalArgumentException if {@code outputs < 1}
   */
  @SuppressWarnings("unchecked")
  public <A> MultiFn<A> fnMulti(String name, int outputs, Function<? super A, ?> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    WrappedFunction whole = registry.function(name, FnOptions.defaults(), f, 1, null,
        args -> Multi.outputsOf(name, outputs, f.apply((A) args[0])));
    return new MultiFn<>(whole, Multi.projections(this, name, outputs));
  }

  /** Wraps a function of any number of arguments of type {@code argType} with {@code outputs} outputs. */
  @SuppressWarnings("unchecked")
  public <A> MultiFn<A> fnMultiN(String name, int outputs, Class<A> argType, Function<? super List<A>, ?> f) {
    Objects.requireNonNull(argType, () -> "the argument type given for '" + name + "' is null");
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    WrappedFunction whole = registry.function(name, FnOptions.defaults(), f, -1, argType,
        args -> Multi.outputsOf(name, outputs, f.apply((List<A>) (List<?>) List.of(args))));
    return new MultiFn<>(whole, Multi.projections(this, name, outputs));
  }

  // -------------------------------------------------------------------------------------- spinning functions

  /**
   * Wraps a function that polls a condition (a socket, a file, a flag) in a paced loop, {@code for (int i :
   * task.spin()) { if (ready) break; }}: the seed's {@code @lazy.asynchronous}. The runtime learns how long the
   * condition usually takes and spins near that time; see {@link Task}. Spinning functions are {@linkplain
   * FnOptions#blocking() blocking}: in a parallel graph they wait on virtual threads.
   */
  public <R> Fn0<R> fnSpin(String name, Function<Task, ? extends R> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    SpinPacer pacer = new SpinPacer();
    return new Fn0<>(registry.function(name, FnOptions.defaults().blocking(), f, 0, null,
        args -> spinning(pacer, f::apply)));
  }

  /** Wraps a spinning function of one argument; see {@link #fnSpin(String, Function)}. */
  @SuppressWarnings("unchecked")
  public <A, R> Fn1<A, R> fnSpin(String name, BiFunction<Task, ? super A, ? extends R> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    SpinPacer pacer = new SpinPacer();
    return new Fn1<>(registry.function(name, FnOptions.defaults().blocking(), f, 1, null,
        args -> spinning(pacer, t -> f.apply(t, (A) args[0]))));
  }

  /** Wraps a spinning function of two arguments; see {@link #fnSpin(String, Function)}. */
  @SuppressWarnings("unchecked")
  public <A, B, R> Fn2<A, B, R> fnSpin(String name, Function3<Task, ? super A, ? super B, ? extends R> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    SpinPacer pacer = new SpinPacer();
    return new Fn2<>(registry.function(name, FnOptions.defaults().blocking(), f, 2, null,
        args -> spinning(pacer, t -> f.apply(t, (A) args[0], (B) args[1]))));
  }

  private static Object spinning(SpinPacer pacer, Function<Task, ?> body) {
    Task t = new Task(pacer);
    Object result = body.apply(t);
    pacer.learn(t);
    return result;
  }

  // ------------------------------------------------------------------------------------ sources and computed

  /** A settable input named {@code name} holding {@code initial} (which may be null). */
  public <T> Source<T> source(String name, T initial) {
    return registry.source(name, initial);
  }

  /**
   * A node whose value is {@code body}'s result. Its dependencies are the nodes {@code body} reads with {@code
   * get()} while it runs, discovered anew on each run, so a conditional read changes them.
   */
  public <T> Node<T> computed(String name, Supplier<? extends T> body) {
    return computed(name, FnOptions.defaults().withoutSharing(), body);
  }

  /** A computed node with the given options (sharing does not apply: each call makes its own node). */
  public <T> Node<T> computed(String name, FnOptions options, Supplier<? extends T> body) {
    Objects.requireNonNull(body, () -> "the body given for computed node '" + name + "' is null");
    return registry.computed(name, options.withoutSharing(), body);
  }

  // ------------------------------------------------------------------------------------------- inspection

  /** Registers a listener for this graph's events; see {@link GraphListener}. */
  public void addListener(GraphListener listener) {
    events.add(listener);
  }

  /** Unregisters a listener; returns whether it was registered. */
  public boolean removeListener(GraphListener listener) {
    return events.remove(listener);
  }

  /**
   * A snapshot of every node this graph knows (that is still alive), with its state and the edges from each node
   * to the nodes it depends on: the seed's {@code lazy.dump()}. {@code sloth-viz} draws it and turns it into a
   * JGraphT graph.
   */
  public GraphSnapshot dump() {
    return Snapshots.of(this, registry.liveNodes());
  }

  /** Whether independent nodes run in parallel. */
  public boolean isParallel() {
    return parallel;
  }

  /**
   * The latest revision: every effective {@link Source#set} (or {@link #update}) of any graph makes a new one.
   * Revisions are shared by all graphs so that a function may read nodes of other graphs and be verified exactly.
   */
  public long revision() {
    return Revisions.published();
  }

  // ---------------------------------------------------------------------------------------- atomic updates

  /**
   * Changes several sources of this graph as one revision: no {@code get()}, anywhere, sees some of the changes and
   * not the others. Inside {@code changes}, {@code tx.set(source, value)} and plain {@code source.set(value)} (on
   * this thread) both join the update; the values are installed when {@code changes} returns, and nothing is
   * installed if it throws.
   *
   * <pre>{@code
   * g.update(tx -> {
   *   tx.set(width, 3);
   *   height.set(4);        // joins the same update
   * });
   * area.get();             // 12: never 3 x the old height
   * }</pre>
   *
   * @throws IllegalArgumentException if a source of another graph is set inside
   * @throws IllegalStateException if called from inside a running function, or inside another update
   */
  public void update(java.util.function.Consumer<? super Changes> changes) {
    Objects.requireNonNull(changes, "changes");
    if (Computation.current() != null) {
      throw new IllegalStateException("update() cannot be called from inside the running function of '"
          + Computation.current().node.name() + "': functions must not have side effects on the graph");
    }
    if (OPEN.get() != null) {
      throw new IllegalStateException("update() cannot be nested in another update()");
    }
    Changes tx = new Changes(this);
    OPEN.set(tx);
    try {
      changes.accept(tx);
    } finally {
      OPEN.remove();
    }
    tx.commit();
  }

  private static final ThreadLocal<Changes> OPEN = new ThreadLocal<>();

  /** The update open on this thread for {@code graph}'s sources, or null. */
  static Changes openChange(Graph graph) {
    Changes tx = OPEN.get();
    if (tx != null && tx.graph != graph) {
      throw new IllegalArgumentException("a source of another graph was set inside update() of " + tx.graph
          + "; an update changes the sources of one graph");
    }
    return tx;
  }

  /** The changes of one {@link #update}: {@code set} stages a value, installed with the others at the end. */
  public static final class Changes {
    private final Graph graph;
    private final java.util.LinkedHashMap<SourceNode<?>, Object> staged = new java.util.LinkedHashMap<>();

    private Changes(Graph graph) {
      this.graph = graph;
    }

    /** Stages {@code value} for {@code source}; returns this. */
    public <T> Changes set(Source<T> source, T value) {
      Objects.requireNonNull(source, "source");
      if (source.graph() != graph) {
        throw new IllegalArgumentException("source '" + source.name() + "' belongs to another graph; an update "
            + "changes the sources of one graph");
      }
      staged.put((SourceNode<?>) source, value);
      return this;
    }

    void stage(SourceNode<?> s, Object value) {
      staged.put(s, value);
    }

    /** The value staged for {@code s} in this update, or its current one. */
    @SuppressWarnings("unchecked")
    <T> T current(SourceNode<T> s) {
      return staged.containsKey(s) ? (T) staged.get(s) : s.current();
    }

    private void commit() {
      java.util.List<SourceNode<?>> changed = new java.util.ArrayList<>();
      synchronized (graph.setLock) {
        for (java.util.Map.Entry<SourceNode<?>, Object> e : staged.entrySet()) {
          if (e.getKey().changes(e.getValue())) {
            changed.add(e.getKey());
          }
        }
        if (changed.isEmpty()) {
          return;
        }
        long next = Revisions.reserve();
        try {
          Propagation marks = new Propagation();
          for (SourceNode<?> s : changed) {
            s.install(next, staged.get(s));
          }
          for (SourceNode<?> s : changed) {
            marks.run(s, next);
          }
        } finally {
          Revisions.complete(next);
        }
      }
      for (SourceNode<?> s : changed) {
        graph.events.invalidated(s, s.changedAt);
      }
    }
  }

  /** The number of nodes this graph knows that are still alive (not yet garbage-collected); counts them. */
  public int size() {
    return registry.size();
  }

  @Override
  public String toString() {
    return "Graph[" + (parallel ? "parallel" : "sequential") + ", revision " + revision() + ", " + size() + " nodes]";
  }

  // ------------------------------------------------------------------------------------------- internals

  Registry registry() {
    return registry;
  }

  int nextNodeId() {
    return nodeIds.incrementAndGet();
  }

  Events events() {
    return events;
  }

  Object lastSession() {
    return lastSession;
  }

  void lastSession(Object session) {
    lastSession = session;
  }

  Executor executor() {
    return executor;
  }

  Object setLock() {
    return setLock;
  }

  void functionStarted() {
    running.incrementAndGet();
  }

  void functionFinished() {
    running.decrementAndGet();
  }

  boolean isRunningFunctions() {
    return running.get() > 0;
  }

  /**
   * Settings for a new {@link Graph}.
   *
   * <pre>{@code
   * Graph g = Graph.builder().sequential().build();          // everything on the calling thread
   * Graph h = Graph.builder().executor(myPool).build();      // parallel, on my pool
   * }</pre>
   */
  public static final class Builder {
    private boolean parallel = true;
    private int parallelism = 0;
    private Executor executor;
    private int maxTrace;

    private Builder() {}

    /**
     * Bounds the recorded work: when more than {@code calls} recorded calls have never been evaluated, the graph
     * evaluates them on its own (the seed's "maximal trace length"), and calls computed from constants alone become
     * constants, letting the nodes before them be collected. A loop that records millions of calls without a
     * {@code get()} then runs in bounded memory.
     *
     * <pre>{@code
     * Graph g = Graph.builder().maxTrace(10_000).build();
     * Node<Long> x = g.source("one", 1L);  // or a constant start
     * for (int i = 0; i < 10_000_000; i++) x = inc.call(x);
     * }</pre>
     */
    public Builder maxTrace(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("maxTrace must be at least 1, was " + calls);
      }
      this.maxTrace = calls;
      return this;
    }

    /** Runs every node on the thread that calls {@code get()}. */
    public Builder sequential() {
      this.parallel = false;
      return this;
    }

    /** Runs independent nodes in parallel (the default). */
    public Builder parallel() {
      this.parallel = true;
      return this;
    }

    /**
     * Runs nodes on a pool of {@code threads} threads instead of the default pool (which has one thread per core).
     * Graphs asking for the same number share one pool, so dropping graphs leaves no threads behind.
     */
    public Builder parallelism(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, was " + threads);
      }
      this.parallelism = threads;
      return this;
    }

    /** Runs non-blocking nodes on {@code executor} (blocking ones still go to virtual threads). */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** The graph. */
    public Graph build() {
      return new Graph(this);
    }
  }
}
