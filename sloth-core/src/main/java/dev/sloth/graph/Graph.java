package dev.sloth.graph;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * A lazy dataflow graph. Wrap plain, stateless functions with {@link #fn1 fn0..fn4} (or {@link #fnN}); calling a
 * wrapped function records a
 * {@link Node} and runs nothing. {@link Node#get()} then runs only the stale ancestors that value needs, in
 * parallel where they are independent, caches every output, and after a {@link Source} changes recomputes only what
 * it affects. Functions may be lambdas or method references (overloaded ones too) and may throw checked exceptions,
 * which become the cause of the {@link EvaluationException}.
 *
 * <pre>{@code
 * Graph g = Graph.create();
 * Fn1<Integer, Integer> square = g.fn1("Square", x -> x * x);
 * Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (x, y) -> x * y);
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
  private final PersistentCache persistentCache;
  /** Null unless set by {@link #runFunctionsWith}; read before every run. */
  private volatile FunctionRunner functionRunner;
  private final Registry registry;
  private final Events events = new Events();
  /** Null unless built with {@link Builder#recordStats()}. */
  private final StatsRecorder stats;
  /** The session of the latest top-level evaluation: its runs are drawn as "ran in the last get". */
  private volatile Object lastSession;
  /** Changes of this graph's sources are installed one at a time, in revision order (see {@link SourceNode}). */
  private final Object setLock = new Object();
  /** Functions of this graph running now (for {@link Evaluation#checkTopLevelRead}). */
  private final java.util.concurrent.atomic.LongAdder running = new java.util.concurrent.atomic.LongAdder();
  private final java.util.concurrent.atomic.AtomicLong nodeIds = new java.util.concurrent.atomic.AtomicLong();
  /** The bound on the values of functions without one of their own; null for none. */
  private final LruPolicy lru;
  /**
   * The open observations ({@link #observe}): held here until closed, so that an observation runs whether or not
   * anyone keeps its handle or its node (the graph holds its nodes weakly; an observation holds its node).
   */
  private final java.util.Set<Observation> observations = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Graph(Builder b) {
    this.parallel = b.parallel;
    this.lru = b.bound == null ? null : new LruPolicy(b.bound, "graph");
    this.registry = new Registry(this, b.maxTrace);
    this.executor = b.executor != null ? b.executor : Pools.cpu(b.parallelism);
    this.persistentCache = b.persistentCache;
    this.stats = b.recordStats ? new StatsRecorder() : null;
    if (stats != null) {
      events.add(stats);
    }
  }

  /**
   * A parallel graph with default settings.
   *
   * @return a new graph
   */
  public static Graph create() {
    return builder().build();
  }

  /**
   * A builder for a graph with non-default settings.
   *
   * @return a new builder with default settings
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------------------- functions
  //
  // Each kind and arity has a method of its own (fn0..fn4, fnN, fnAsync0.., fnMulti0.., fnSpin0..), never overloads
  // on functional interfaces in the same position (Guava's rule): so every lambda and method reference, overloaded
  // ones included, resolves without a cast. Every function parameter is one of Sloth's Serializable functional
  // interfaces, whose lambdas carry their FunctionIdentity, and whose method may throw checked exceptions.

  /**
   * Wraps a function of no arguments; calling it records a node and runs nothing.
   *
   * <pre>{@code
   * Fn0<Long> seed = g.fn0("Seed", () -> 42L);
   * }</pre>
   *
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it may throw checked exceptions, which end only the nodes that depend on them; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <R> Fn0<R> fn0(String name, Function0<? extends R> f) {
    return fn0(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a function of no arguments with the given options; see {@link #fn0(String, Function0)}.
   *
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it may throw checked exceptions, which end only the nodes that depend on them; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <R> Fn0<R> fn0(String name, FnOptions options, Function0<? extends R> f) {
    return new Fn0<>(registry.function(name, options, given(name, f), 0, null,
        args -> f.apply(), false));
  }

  /**
   * Wraps a function of one argument; calling it records a node and runs nothing.
   *
   * <pre>{@code
   * Fn1<Path, String> read = g.fn1("Read", FnOptions.defaults().blocking(), Files::readString);
   * }</pre>
   *
   * @param <A> the type of argument 1
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it may throw checked exceptions, which end only the nodes that depend on them; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, R> Fn1<A, R> fn1(String name, Function1<? super A, ? extends R> f) {
    return fn1(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a function of one argument with the given options; see {@link #fn1(String, Function1)}.
   *
   * @param <A> the type of argument 1
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it may throw checked exceptions, which end only the nodes that depend on them; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, R> Fn1<A, R> fn1(String name, FnOptions options, Function1<? super A, ? extends R> f) {
    return new Fn1<>(registry.function(name, options, given(name, f), 1, null,
        args -> f.apply((A) args[0]), false));
  }

  /**
   * Wraps a function of two arguments; calling it records a node and runs nothing.
   *
   * <pre>{@code
   * Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);
   * }</pre>
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it may throw checked exceptions, which end only the nodes that depend on them; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, B, R> Fn2<A, B, R> fn2(String name, Function2<? super A, ? super B, ? extends R> f) {
    return fn2(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a function of two arguments with the given options; see {@link #fn2(String, Function2)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it may throw checked exceptions, which end only the nodes that depend on them; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, B, R> Fn2<A, B, R> fn2(String name, FnOptions options, Function2<? super A, ? super B, ? extends R> f) {
    return new Fn2<>(registry.function(name, options, given(name, f), 2, null,
        args -> f.apply((A) args[0], (B) args[1]), false));
  }

  /**
   * Wraps a function of three arguments; calling it records a node and runs nothing.
   *
   * <pre>{@code
   * Fn3<Integer, Integer, Integer, Integer> clamp = g.fn3("Clamp", (x, lo, hi) -> Math.max(lo, Math.min(hi, x)));
   * }</pre>
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it may throw checked exceptions, which end only the nodes that depend on them; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, B, C, R> Fn3<A, B, C, R> fn3(String name, Function3<? super A, ? super B, ? super C, ? extends R> f) {
    return fn3(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a function of three arguments with the given options; see {@link #fn3(String, Function3)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it may throw checked exceptions, which end only the nodes that depend on them; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, B, C, R> Fn3<A, B, C, R> fn3(
      String name, FnOptions options, Function3<? super A, ? super B, ? super C, ? extends R> f) {
    return new Fn3<>(registry.function(name, options, given(name, f), 3, null,
        args -> f.apply((A) args[0], (B) args[1], (C) args[2]), false));
  }

  /**
   * Wraps a function of four arguments; calling it records a node and runs nothing.
   *
   * <pre>{@code
   * Fn4<Double, Double, Double, Double, Double> f = g.fn4("F", (a, b, c, d) -> a * b + c * d);
   * }</pre>
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <D> the type of argument 4
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it may throw checked exceptions, which end only the nodes that depend on them; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, B, C, D, R> Fn4<A, B, C, D, R> fn4(
      String name, Function4<? super A, ? super B, ? super C, ? super D, ? extends R> f) {
    return fn4(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a function of four arguments with the given options; see {@link #fn4(String, Function4)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <D> the type of argument 4
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it may throw checked exceptions, which end only the nodes that depend on them; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, B, C, D, R> Fn4<A, B, C, D, R> fn4(
      String name, FnOptions options, Function4<? super A, ? super B, ? super C, ? super D, ? extends R> f) {
    return new Fn4<>(registry.function(name, options, given(name, f), 4, null,
        args -> f.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3]), false));
  }

  /**
   * Wraps a function of any number of arguments of type {@code argType}; it receives them as an unmodifiable list
   * (which may hold nulls). Every argument is checked against {@code argType}: plain values when called, node values
   * before running.
   *
   * <pre>{@code
   * FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(i -> i).sum());
   * }</pre>
   *
   * @param <A> the type of argument 1
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param argType the class of every argument: plain values are checked against it at the call, values of
   *     nodes before the function runs
   * @param f the function; it may throw checked exceptions, which end only the nodes that depend on them; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, R> FnN<A, R> fnN(String name, Class<A> argType, Function1<? super List<A>, ? extends R> f) {
    return fnN(name, FnOptions.defaults(), argType, f);
  }

  /**
   * Wraps a function of any number of arguments with the given options; see {@link #fnN(String, Class, Function1)}.
   *
   * @param <A> the type of argument 1
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param argType the class of every argument: plain values are checked against it at the call, values of
   *     nodes before the function runs
   * @param f the function; it may throw checked exceptions, which end only the nodes that depend on them; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, R> FnN<A, R> fnN(
      String name, FnOptions options, Class<A> argType, Function1<? super List<A>, ? extends R> f) {
    return new FnN<>(registry.function(name, options, given(name, f), -1, argType(name, argType),
        args -> f.apply(listOf(args)), false));
  }

  // ---------------------------------------------------------------------------------- asynchronous functions

  /**
   * Wraps a function of no arguments that returns a future of the value: its node completes when the future does,
   * with no thread waiting meanwhile.
   *
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it returns a stage that completes with the result (or fails with the fault); not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <R> Fn0<R> fnAsync0(String name, Function0<? extends CompletionStage<? extends R>> f) {
    return fnAsync0(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps an asynchronous function of no arguments with the given options; see {@link #fnAsync0(String, Function0)}.
   *
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it returns a stage that completes with the result (or fails with the fault); not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <R> Fn0<R> fnAsync0(String name, FnOptions options, Function0<? extends CompletionStage<? extends R>> f) {
    return new Fn0<>(registry.function(name, options, given(name, f), 0, null,
        args -> f.apply(), true));
  }

  /**
   * Wraps a function of one argument that returns a future of the value: its node completes when the future does,
   * with no thread waiting meanwhile.
   *
   * <pre>{@code
   * Fn1<URI, String> fetch = g.fnAsync1("Fetch", uri -> http.sendAsync(get(uri),
   * ofString()).thenApply(HttpResponse::body));
   * }</pre>
   *
   * @param <A> the type of argument 1
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it returns a stage that completes with the result (or fails with the fault); not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, R> Fn1<A, R> fnAsync1(String name, Function1<? super A, ? extends CompletionStage<? extends R>> f) {
    return fnAsync1(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps an asynchronous function of one argument with the given options; see {@link #fnAsync1(String, Function1)}.
   *
   * @param <A> the type of argument 1
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it returns a stage that completes with the result (or fails with the fault); not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, R> Fn1<A, R> fnAsync1(
      String name, FnOptions options, Function1<? super A, ? extends CompletionStage<? extends R>> f) {
    return new Fn1<>(registry.function(name, options, given(name, f), 1, null,
        args -> f.apply((A) args[0]), true));
  }

  /**
   * Wraps a function of two arguments that returns a future of the value: its node completes when the future does,
   * with no thread waiting meanwhile.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it returns a stage that completes with the result (or fails with the fault); not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, B, R> Fn2<A, B, R> fnAsync2(
      String name, Function2<? super A, ? super B, ? extends CompletionStage<? extends R>> f) {
    return fnAsync2(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps an asynchronous function of two arguments with the given options; see {@link #fnAsync2(String, Function2)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it returns a stage that completes with the result (or fails with the fault); not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, B, R> Fn2<A, B, R> fnAsync2(
      String name, FnOptions options, Function2<? super A, ? super B, ? extends CompletionStage<? extends R>> f) {
    return new Fn2<>(registry.function(name, options, given(name, f), 2, null,
        args -> f.apply((A) args[0], (B) args[1]), true));
  }

  /**
   * Wraps a function of three arguments that returns a future of the value: its node completes when the future does,
   * with no thread waiting meanwhile.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it returns a stage that completes with the result (or fails with the fault); not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, B, C, R> Fn3<A, B, C, R> fnAsync3(
      String name, Function3<? super A, ? super B, ? super C, ? extends CompletionStage<? extends R>> f) {
    return fnAsync3(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps an asynchronous function of three arguments with the given options; see {@link #fnAsync3(String, Function3)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it returns a stage that completes with the result (or fails with the fault); not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, B, C, R> Fn3<A, B, C, R> fnAsync3(
      String name, FnOptions options,
      Function3<? super A, ? super B, ? super C, ? extends CompletionStage<? extends R>> f) {
    return new Fn3<>(registry.function(name, options, given(name, f), 3, null,
        args -> f.apply((A) args[0], (B) args[1], (C) args[2]), true));
  }

  /**
   * Wraps a function of four arguments that returns a future of the value: its node completes when the future does,
   * with no thread waiting meanwhile.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <D> the type of argument 4
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it returns a stage that completes with the result (or fails with the fault); not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, B, C, D, R> Fn4<A, B, C, D, R> fnAsync4(
      String name, Function4<? super A, ? super B, ? super C, ? super D, ? extends CompletionStage<? extends R>> f) {
    return fnAsync4(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps an asynchronous function of four arguments with the given options; see {@link #fnAsync4(String, Function4)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <D> the type of argument 4
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it returns a stage that completes with the result (or fails with the fault); not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, B, C, D, R> Fn4<A, B, C, D, R> fnAsync4(
      String name, FnOptions options,
      Function4<? super A, ? super B, ? super C, ? super D, ? extends CompletionStage<? extends R>> f) {
    return new Fn4<>(registry.function(name, options, given(name, f), 4, null,
        args -> f.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3]), true));
  }

  /**
   * Wraps an asynchronous function of any number of arguments of type {@code argType}; see {@link #fnN}.
   *
   * @param <A> the type of argument 1
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param argType the class of every argument: plain values are checked against it at the call, values of
   *     nodes before the function runs
   * @param f the function; it returns a stage that completes with the result (or fails with the fault); not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, R> FnN<A, R> fnAsyncN(
      String name, Class<A> argType, Function1<? super List<A>, ? extends CompletionStage<? extends R>> f) {
    return fnAsyncN(name, FnOptions.defaults(), argType, f);
  }

  /**
   * Wraps an asynchronous function of any number of arguments with the given options.
   *
   * @param <A> the type of argument 1
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param argType the class of every argument: plain values are checked against it at the call, values of
   *     nodes before the function runs
   * @param f the function; it returns a stage that completes with the result (or fails with the fault); not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, R> FnN<A, R> fnAsyncN(String name, FnOptions options, Class<A> argType,
      Function1<? super List<A>, ? extends CompletionStage<? extends R>> f) {
    return new FnN<>(registry.function(name, options, given(name, f), -1, argType(name, argType),
        args -> f.apply(listOf(args)), true));
  }

  // ------------------------------------------------------------------------------------ multi-output functions

  /**
   * Wraps a function of no arguments whose result has several parts (a record, a {@code List}, an array), each
   * an output node of its own with early cutoff of its own; see {@link Outputs}.
   *
   * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function, whose result has several parts; it may throw checked exceptions; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <O> MultiFn0<O> fnMulti0(String name, Function0<? extends O> f) {
    return fnMulti0(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a multi-output function of no arguments with the given options; see {@link #fnMulti0(String, Function0)}.
   *
   * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function, whose result has several parts; it may throw checked exceptions; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <O> MultiFn0<O> fnMulti0(String name, FnOptions options, Function0<? extends O> f) {
    return new MultiFn0<>(registry.function(name, options, given(name, f), 0, null,
        args -> f.apply(), false));
  }

  /**
   * Wraps a function of one argument whose result has several parts (a record, a {@code List}, an array), each
   * an output node of its own with early cutoff of its own; see {@link Outputs}.
   *
   * <pre>{@code
   * record DivMod(int q, int r) {}
   * MultiFn1<Integer, DivMod> divMod = g.fnMulti1("DivMod", x -> new DivMod(x / 10, x % 10));
   * Node<Integer> q = divMod.call(x).get(DivMod::q);
   * }</pre>
   *
   * @param <A> the type of argument 1
   * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function, whose result has several parts; it may throw checked exceptions; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, O> MultiFn1<A, O> fnMulti1(String name, Function1<? super A, ? extends O> f) {
    return fnMulti1(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a multi-output function of one argument with the given options; see {@link #fnMulti1(String, Function1)}.
   *
   * @param <A> the type of argument 1
   * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function, whose result has several parts; it may throw checked exceptions; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, O> MultiFn1<A, O> fnMulti1(String name, FnOptions options, Function1<? super A, ? extends O> f) {
    return new MultiFn1<>(registry.function(name, options, given(name, f), 1, null,
        args -> f.apply((A) args[0]), false));
  }

  /**
   * Wraps a function of two arguments whose result has several parts (a record, a {@code List}, an array), each
   * an output node of its own with early cutoff of its own; see {@link Outputs}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function, whose result has several parts; it may throw checked exceptions; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, B, O> MultiFn2<A, B, O> fnMulti2(String name, Function2<? super A, ? super B, ? extends O> f) {
    return fnMulti2(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a multi-output function of two arguments with the given options; see {@link #fnMulti2(String, Function2)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function, whose result has several parts; it may throw checked exceptions; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, B, O> MultiFn2<A, B, O> fnMulti2(
      String name, FnOptions options, Function2<? super A, ? super B, ? extends O> f) {
    return new MultiFn2<>(registry.function(name, options, given(name, f), 2, null,
        args -> f.apply((A) args[0], (B) args[1]), false));
  }

  /**
   * Wraps a function of three arguments whose result has several parts (a record, a {@code List}, an array), each
   * an output node of its own with early cutoff of its own; see {@link Outputs}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function, whose result has several parts; it may throw checked exceptions; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, B, C, O> MultiFn3<A, B, C, O> fnMulti3(
      String name, Function3<? super A, ? super B, ? super C, ? extends O> f) {
    return fnMulti3(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a multi-output function of three arguments with the given options; see {@link #fnMulti3(String, Function3)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function, whose result has several parts; it may throw checked exceptions; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, B, C, O> MultiFn3<A, B, C, O> fnMulti3(
      String name, FnOptions options, Function3<? super A, ? super B, ? super C, ? extends O> f) {
    return new MultiFn3<>(registry.function(name, options, given(name, f), 3, null,
        args -> f.apply((A) args[0], (B) args[1], (C) args[2]), false));
  }

  /**
   * Wraps a function of four arguments whose result has several parts (a record, a {@code List}, an array), each
   * an output node of its own with early cutoff of its own; see {@link Outputs}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <D> the type of argument 4
   * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function, whose result has several parts; it may throw checked exceptions; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, B, C, D, O> MultiFn4<A, B, C, D, O> fnMulti4(
      String name, Function4<? super A, ? super B, ? super C, ? super D, ? extends O> f) {
    return fnMulti4(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a multi-output function of four arguments with the given options; see {@link #fnMulti4(String, Function4)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <D> the type of argument 4
   * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function, whose result has several parts; it may throw checked exceptions; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, B, C, D, O> MultiFn4<A, B, C, D, O> fnMulti4(
      String name, FnOptions options, Function4<? super A, ? super B, ? super C, ? super D, ? extends O> f) {
    return new MultiFn4<>(registry.function(name, options, given(name, f), 4, null,
        args -> f.apply((A) args[0], (B) args[1], (C) args[2], (D) args[3]), false));
  }

  /**
   * Wraps a multi-output function of any number of arguments of type {@code argType}; see {@link Outputs}.
   *
   * @param <A> the type of argument 1
   * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param argType the class of every argument: plain values are checked against it at the call, values of
   *     nodes before the function runs
   * @param f the function, whose result has several parts; it may throw checked exceptions; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, O> MultiFnN<A, O> fnMultiN(String name, Class<A> argType, Function1<? super List<A>, ? extends O> f) {
    return fnMultiN(name, FnOptions.defaults(), argType, f);
  }

  /**
   * Wraps a multi-output function of any number of arguments with the given options.
   *
   * @param <A> the type of argument 1
   * @param <O> the type of the result, whose parts are the outputs: a record, a {@code List} or an array
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param argType the class of every argument: plain values are checked against it at the call, values of
   *     nodes before the function runs
   * @param f the function, whose result has several parts; it may throw checked exceptions; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, O> MultiFnN<A, O> fnMultiN(
      String name, FnOptions options, Class<A> argType, Function1<? super List<A>, ? extends O> f) {
    return new MultiFnN<>(registry.function(name, options, given(name, f), -1, argType(name, argType),
        args -> f.apply(listOf(args)), false));
  }

  // -------------------------------------------------------------------------------------- spinning functions

  /**
   * Wraps a function that polls a condition (a socket, a file, a flag) in a paced loop, {@code for (int i :
   * task.spin()) { if (ready) break; }}. The runtime learns how long the
   * condition usually takes and spins near that time; see {@link Task}. Spinning functions are {@linkplain
   * FnOptions#blocking() blocking} whatever the options say: in a parallel graph they wait on virtual threads.
   * The function gets the {@link Task} first, then its arguments.
   *
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it gets the running call's {@link Task} first, to report progress and yield; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <R> Fn0<R> fnSpin0(String name, Function1<Task, ? extends R> f) {
    return fnSpin0(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a spinning function of no arguments with the given options (made blocking); see {@link #fnSpin0(String,
   * Function1)}.
   *
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it gets the running call's {@link Task} first, to report progress and yield; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <R> Fn0<R> fnSpin0(String name, FnOptions options, Function1<Task, ? extends R> f) {
    SpinPacer pacer = new SpinPacer();
    return new Fn0<>(registry.function(name, spinning(name, options), given(name, f), 0, null,
        args -> spin(pacer, t -> f.apply(t)), false));
  }

  /**
   * Wraps a spinning function of one argument; see {@link #fnSpin0(String, Function1)}.
   *
   * @param <A> the type of argument 1
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it gets the running call's {@link Task} first, to report progress and yield; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, R> Fn1<A, R> fnSpin1(String name, Function2<Task, ? super A, ? extends R> f) {
    return fnSpin1(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a spinning function of one argument with the given options (made blocking); see {@link #fnSpin0(String,
   * Function1)}.
   *
   * @param <A> the type of argument 1
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it gets the running call's {@link Task} first, to report progress and yield; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, R> Fn1<A, R> fnSpin1(String name, FnOptions options, Function2<Task, ? super A, ? extends R> f) {
    SpinPacer pacer = new SpinPacer();
    return new Fn1<>(registry.function(name, spinning(name, options), given(name, f), 1, null,
        args -> spin(pacer, t -> f.apply(t, (A) args[0])), false));
  }

  /**
   * Wraps a spinning function of two arguments; see {@link #fnSpin0(String, Function1)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it gets the running call's {@link Task} first, to report progress and yield; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, B, R> Fn2<A, B, R> fnSpin2(String name, Function3<Task, ? super A, ? super B, ? extends R> f) {
    return fnSpin2(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a spinning function of two arguments with the given options (made blocking); see {@link #fnSpin0(String,
   * Function1)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it gets the running call's {@link Task} first, to report progress and yield; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, B, R> Fn2<A, B, R> fnSpin2(
      String name, FnOptions options, Function3<Task, ? super A, ? super B, ? extends R> f) {
    SpinPacer pacer = new SpinPacer();
    return new Fn2<>(registry.function(name, spinning(name, options), given(name, f), 2, null,
        args -> spin(pacer, t -> f.apply(t, (A) args[0], (B) args[1])), false));
  }

  /**
   * Wraps a spinning function of three arguments; see {@link #fnSpin0(String, Function1)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param f the function; it gets the running call's {@link Task} first, to report progress and yield; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, B, C, R> Fn3<A, B, C, R> fnSpin3(
      String name, Function4<Task, ? super A, ? super B, ? super C, ? extends R> f) {
    return fnSpin3(name, FnOptions.defaults(), f);
  }

  /**
   * Wraps a spinning function of three arguments with the given options (made blocking); see {@link #fnSpin0(String,
   * Function1)}.
   *
   * @param <A> the type of argument 1
   * @param <B> the type of argument 2
   * @param <C> the type of argument 3
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param f the function; it gets the running call's {@link Task} first, to report progress and yield; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  @SuppressWarnings("unchecked")
  public <A, B, C, R> Fn3<A, B, C, R> fnSpin3(
      String name, FnOptions options, Function4<Task, ? super A, ? super B, ? super C, ? extends R> f) {
    SpinPacer pacer = new SpinPacer();
    return new Fn3<>(registry.function(name, spinning(name, options), given(name, f), 3, null,
        args -> spin(pacer, t -> f.apply(t, (A) args[0], (B) args[1], (C) args[2])), false));
  }

  /**
   * Wraps a spinning function of any number of arguments of type {@code argType}; see {@link #fnSpin0}.
   *
   * @param <A> the type of argument 1
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param argType the class of every argument: plain values are checked against it at the call, values of
   *     nodes before the function runs
   * @param f the function; it gets the running call's {@link Task} first, to report progress and yield; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, R> FnN<A, R> fnSpinN(
      String name, Class<A> argType, Function2<Task, ? super List<A>, ? extends R> f) {
    return fnSpinN(name, FnOptions.defaults(), argType, f);
  }

  /**
   * Wraps a spinning function of any number of arguments with the given options (made blocking).
   *
   * @param <A> the type of argument 1
   * @param <R> the type of the result
   * @param name the function's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   * @param argType the class of every argument: plain values are checked against it at the call, values of
   *     nodes before the function runs
   * @param f the function; it gets the running call's {@link Task} first, to report progress and yield; not null
   * @return the wrapped function; calling it records a node and runs nothing
   */
  public <A, R> FnN<A, R> fnSpinN(
      String name, FnOptions options, Class<A> argType, Function2<Task, ? super List<A>, ? extends R> f) {
    SpinPacer pacer = new SpinPacer();
    return new FnN<>(registry.function(name, spinning(name, options), given(name, f), -1, argType(name, argType),
        args -> spin(pacer, t -> f.apply(t, listOf(args))), false));
  }

  private static FnOptions spinning(String name, FnOptions options) {
    Objects.requireNonNull(options, () -> "the options given for '" + name + "' are null");
    return options.blocking();
  }

  private static Object spin(SpinPacer pacer, Function1<Task, ?> body) throws Exception {
    Task t = new Task(pacer);
    Object result = body.apply(t);
    pacer.learn(t);
    return result;
  }

  private static <F> F given(String name, F f) {
    return Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
  }

  private static <A> Class<A> argType(String name, Class<A> argType) {
    return Objects.requireNonNull(argType, () -> "the argument type given for '" + name + "' is null");
  }

  /** The argument values as the unmodifiable list an any-arity function gets; nulls are legal values. */
  @SuppressWarnings("unchecked")
  private static <A> List<A> listOf(Object[] args) {
    return (List<A>) Collections.unmodifiableList(Arrays.asList(args));
  }

  // ------------------------------------------------------------------------------------ sources and computed

  /**
   * A settable input named {@code name} holding {@code initial} (which may be null).
   *
   * @param initial the initial value; may be null
   * @return the new source
   * @param <T> the type of the node's value
   * @param name the node's name, shown in errors, traces, events and snapshots
   */
  public <T> Source<T> source(String name, T initial) {
    return registry.source(name, initial);
  }

  /**
   * A node whose value is {@code body}'s result. Its dependencies are the nodes {@code body} reads with {@code
   * get()} while it runs, discovered anew on each run, so a conditional read changes them.
   *
   * @param body the node's function; its {@code get()} reads become the node's dependencies; not null
   * @return the new node; nothing has run yet
   * @param <T> the type of the node's value
   * @param name the node's name, shown in errors, traces, events and snapshots
   */
  public <T> Node<T> computed(String name, Function0<? extends T> body) {
    return computed(name, FnOptions.defaults().withoutSharing(), body);
  }

  /**
   * A computed node with the given options (sharing does not apply: each call makes its own node).
   *
   * @param body the node's function; its {@code get()} reads become the node's dependencies; not null
   * @return the new node; nothing has run yet
   * @param <T> the type of the node's value
   * @param name the node's name, shown in errors, traces, events and snapshots
   * @param options how its calls run and are kept; see {@link FnOptions}
   */
  public <T> Node<T> computed(String name, FnOptions options, Function0<? extends T> body) {
    Objects.requireNonNull(body, () -> "the body given for computed node '" + name + "' is null");
    return registry.computed(name, options.withoutSharing(), body);
  }

  // ------------------------------------------------------------------------------------------- inspection

  /**
   * Registers a listener for this graph's events; see {@link GraphListener}.
   *
   * @param listener the listener; its exceptions are caught and logged, never passed to the graph
   */
  public void addListener(GraphListener listener) {
    events.add(listener);
  }

  /**
   * What each function did so far: runs, cache hits, failures and run time, as an immutable snapshot (see {@link
   * GraphStats}). Statistics are recorded only by a graph built with {@link Builder#recordStats()}.
   *
   * <pre>{@code
   * Graph g = Graph.builder().recordStats().build();
   * ...
   * System.out.println(g.stats().of("square").runs());
   * }</pre>
   *
   * @return the statistics now
   * @throws IllegalStateException if the graph was built without {@code recordStats()}
   */
  public GraphStats stats() {
    StatsRecorder s = stats;
    if (s == null) {
      throw new IllegalStateException("this graph records no statistics: build it with "
          + "Graph.builder().recordStats().build() to count runs, cache hits, failures and time per function");
    }
    return s.snapshot();
  }

  /**
   * Unregisters a listener; returns whether it was registered.
   *
   * @param listener the listener; its exceptions are caught and logged, never passed to the graph
   * @return true if the listener was registered
   */
  public boolean removeListener(GraphListener listener) {
    return events.remove(listener);
  }

  /**
   * A snapshot of every node this graph knows (that is still alive), with its state and the edges from each node
   * to the nodes it depends on. {@code sloth-viz} draws it and turns it into a
   * JGraphT graph.
   *
   * @return the snapshot of the live nodes and their edges
   */
  public GraphSnapshot dump() {
    return Snapshots.of(this, registry.liveNodes());
  }

  /**
   * Whether independent nodes run in parallel.
   *
   * @return true if independent nodes run in parallel, false if everything runs on the reading thread
   */
  public boolean isParallel() {
    return parallel;
  }

  /**
   * The latest revision: every effective {@link Source#set} (or {@link #update}) of any graph makes a new one.
   * Revisions are shared by all graphs so that a function may read nodes of other graphs and be verified exactly.
   *
   * @return the latest revision number, which only grows
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
   * @param changes sets the sources to change, through the {@link Changes} it is given; not null
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
      tx.open = false; // from now on tx.set refuses (it would stage a value nobody installs)
    }
    tx.commit();
  }

  private static final ThreadLocal<Changes> OPEN = new ThreadLocal<>();

  // -------------------------------------------------------------------------------------------- observers

  /**
   * Keeps {@code node} fresh and tells {@code listener} its value now and its new value after each change (a set,
   * or an atomic update) that changes it, push-style, like Incremental's observers; see {@link Observation}.
   * Deliveries run on virtual threads, never on the thread that set the source; close the observation to stop. The
   * graph holds an observation (and so its node) until it is closed, so it need not be kept:
   * {@code g.observe(mul.call(price, count), show)} runs for the graph's life.
   *
   * <pre>{@code
   * Observation o = g.observe(total, v -> dashboard.show(v));
   * price.set(12);   // the dashboard shows the new total soon after
   * o.close();
   * }</pre>
   *
   * @param node the node to keep fresh; of this graph
   * @param listener gets the value now and each new value; its exceptions are caught and logged
   * @return the running observation; close it to stop
   * @param <T> the type of the node's value
   * @throws IllegalArgumentException if {@code node} belongs to another graph
   */
  public <T> Observation observe(Node<T> node, java.util.function.Consumer<? super T> listener) {
    Objects.requireNonNull(node, "node");
    if (node.graph() != this) {
      throw new IllegalArgumentException("node '" + node.name() + "' belongs to another graph; observe it there");
    }
    return Observation.start((AbstractNode<?>) node, listener);
  }

  /** Holds {@code o} until {@link #closed}. */
  void opened(Observation o) {
    observations.add(o);
  }

  /** Lets {@code o} go (it was closed). */
  void closed(Observation o) {
    observations.remove(o);
  }

  /** The open observations; for tests. */
  java.util.Set<Observation> observations() {
    return java.util.Collections.unmodifiableSet(observations);
  }

  /** The update open on this thread for {@code graph}'s sources, or null. */
  static Changes openChange(Graph graph) {
    Changes tx = OPEN.get();
    if (tx != null && tx.graph != graph) {
      throw new IllegalArgumentException("a source of another graph was set inside update() of " + tx.graph
          + "; an update changes the sources of one graph");
    }
    return tx;
  }

  /**
   * The changes of one {@link #update}: {@code set} stages a value, installed with the others at the end. Made only
   * by {@code update}, and valid only inside its {@code changes} callback, on the thread that called it.
   *
   * <pre>{@code
   * g.update(tx -> tx.set(width, 3).set(height, 4));
   * }</pre>
   */
  public static final class Changes {
    private final Graph graph;
    private final java.util.LinkedHashMap<SourceNode<?>, Object> staged = new java.util.LinkedHashMap<>();
    /** The thread running the update's callback: the only one that may stage (staged is not thread-safe). */
    private final Thread owner = Thread.currentThread();
    /**
     * True while the callback runs; written and read by {@link #owner} only (a set from another thread is refused
     * on the owner check before this is read), so it needs no volatile.
     */
    private boolean open = true;

    private Changes(Graph graph) {
      this.graph = graph;
    }

    /**
     * Stages {@code value} for {@code source}; returns this.
     *
     * @param source a source of this graph; not null
     * @param value its new value; may be null
     * @return these changes, to stage more
     * @param <T> the type of the node's value
     * @throws IllegalArgumentException if {@code source} belongs to another graph
     * @throws IllegalStateException if called after the update returned, or from another thread than the update's
     */
    public <T> Changes set(Source<T> source, T value) {
      Objects.requireNonNull(source, "source");
      if (source.graph() != graph) {
        throw new IllegalArgumentException("source '" + source.name() + "' belongs to another graph; an update "
            + "changes the sources of one graph");
      }
      if (Thread.currentThread() != owner || !open) {
        throw new IllegalStateException("source '" + source.name() + "' cannot be set through the changes of an "
            + "update() " + (Thread.currentThread() != owner ? "from another thread than the one running it ("
            + owner.getName() + ")" : "that has returned already") + ": they are valid only inside its callback, on "
            + "its thread; the value would be lost");
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
        Propagation marks = new Propagation(); // before the reservation: nothing may fail between it and the try
        long next = Revisions.reserve();
        try {
          for (SourceNode<?> s : changed) {
            s.install(next, staged.get(s));
          }
          for (SourceNode<?> s : changed) {
            marks.run(s, next);
          }
        } finally {
          Revisions.complete(next);
        }
        marks.notifyObservers();
      }
      for (SourceNode<?> s : changed) {
        graph.events.invalidated(s, s.changedAt);
      }
    }
  }

  /**
   * The number of nodes this graph knows that are still alive (not yet garbage-collected); counts them.
   *
   * @return the number of live nodes
   */
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

  long nextNodeId() {
    return nodeIds.incrementAndGet();
  }

  /** Reserves the next {@code count} node ids; returns the last of them (see {@link NodeTable}'s id blocks). */
  long reserveNodeIds(int count) {
    return nodeIds.addAndGet(count);
  }

  /** The last node id given or reserved. */
  long lastNodeId() {
    return nodeIds.get();
  }

  /**
   * Tests only: counts the ids up to {@code last} as given, as a graph that made that many nodes would have (ids past
   * the {@code int} range, see NodeIdRangeTest). Never lowers the counter, so ids stay unique and growing.
   */
  void skipNodeIdsTo(long last) {
    nodeIds.accumulateAndGet(last, Math::max);
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

  PersistentCache persistentCache() {
    return persistentCache;
  }

  FunctionRunner functionRunner() {
    return functionRunner;
  }

  /**
   * Lets {@code runner} run this graph's function calls elsewhere (see {@link FunctionRunner}); a graph has at most
   * one, set once, before the calls it should take run. {@code sloth-cluster} sets it for {@code
   * Cluster.builder(hz, graph, functions).runPureFunctionsRemotely()}.
   *
   * <pre>{@code
   * graph.runFunctionsWith(call -> null);   // a runner that takes nothing
   * }</pre>
   *
   * @param runner asked before every run; it returns a stage of the result, or null to run the call here
   * @throws IllegalStateException if this graph already has a runner
   */
  public void runFunctionsWith(FunctionRunner runner) {
    Objects.requireNonNull(runner, "the function runner is null");
    synchronized (setLock) {
      if (functionRunner != null) {
        throw new IllegalStateException("this graph already runs its functions with " + functionRunner);
      }
      functionRunner = runner;
    }
  }

  /** The graph's bound on cached values, or null. */
  LruPolicy lru() {
    return lru;
  }

  Object setLock() {
    return setLock;
  }

  void functionStarted() {
    running.increment(); // striped: no cache line shared by every worker
  }

  void functionFinished() {
    running.decrement();
  }

  boolean isRunningFunctions() {
    return running.sum() > 0 || Pools.runsFunctionOf(this);
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
    private PersistentCache persistentCache;
    private boolean recordStats;
    private LruPolicy.CacheBound bound;

    private Builder() {}

    /**
     * Keeps at most {@code count} values of this graph's functions and computed nodes (those without a bound of their
     * own, {@link FnOptions#maximumCachedValues}); past that, the least recently used values are evicted. Sources
     * are never evicted, nor observed nodes. An evicted node keeps what it depends on and when it last changed, so
     * verification stays exact: its dependents that are still valid stay so, and its value is recomputed (once,
     * however many threads ask) only when it is needed again; recomputed with unchanged inputs, it counts as
     * unchanged. A long-running process that keeps building nodes then holds a bounded number of values.
     *
     * <pre>{@code
     * Graph g = Graph.builder().maximumCachedValues(10_000).build();
     * }</pre>
     *
     * @param count how many values to keep; {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code count} is less than 1
     * @throws IllegalStateException if this builder already has a bound on cached values
     */
    public Builder maximumCachedValues(long count) {
      return bound(LruPolicy.CacheBound.ofCount(count));
    }

    /**
     * Keeps the values of this graph's functions and computed nodes (those without a bound of their own) while
     * their total weight, as {@code weigher} estimates it, is at most {@code maximum}; past that, the least recently
     * used are evicted, as with {@link #maximumCachedValues}. A value heavier than the whole bound is not kept.
     *
     * <pre>{@code
     * Graph g = Graph.builder()
     *     .maximumCachedWeight(512L << 20, v -> v instanceof double[] a ? 16 + 8L * a.length : 64)   // 512 MiB
     *     .build();
     * }</pre>
     *
     * @param maximum the total weight to keep at most; {@code >= 1}
     * @param weigher estimates each value's weight; not null
     * @return this builder
     * @throws IllegalArgumentException if {@code maximum} is less than 1
     * @throws IllegalStateException if this builder already has a bound on cached values
     */
    public Builder maximumCachedWeight(long maximum, FnOptions.Weigher weigher) {
      return bound(LruPolicy.CacheBound.ofWeight(maximum, weigher));
    }

    private Builder bound(LruPolicy.CacheBound b) {
      if (bound != null) {
        throw new IllegalStateException("a bound on cached values was already set (" + bound
            + "); set one bound per graph");
      }
      bound = b;
      return this;
    }

    /**
     * Counts, per function, its runs, cache hits, failures and run time, for {@link Graph#stats()} (as Caffeine's
     * {@code recordStats()}). Off by default; when off, the engine does no counting at all.
     *
     * <pre>{@code
     * Graph g = Graph.builder().recordStats().build();
     * }</pre>
     *
     * @return this builder
     */
    public Builder recordStats() {
      this.recordStats = true;
      return this;
    }

    /**
     * Bounds the recorded work: when more than {@code calls} recorded calls have never been evaluated, the graph
     * evaluates them on its own, and calls computed from constants alone become
     * constants, letting the nodes before them be collected. A loop that records millions of calls without a
     * {@code get()} then runs in bounded memory. Calls recorded while a function runs (a computed node building a
     * subgraph) are evaluated by the next call recorded outside any function, not inside it (they would count as the
     * running function's reads); until then the graph keeps only those still referenced.
     *
     * <pre>{@code
     * Graph g = Graph.builder().maxTrace(10_000).build();
     * Node<Long> x = g.source("one", 1L);  // or a constant start
     * for (int i = 0; i < 10_000_000; i++) x = inc.call(x);
     * }</pre>
     *
     * @param calls how many recorded, never-evaluated calls the graph lets accumulate; {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code calls} is less than 1
     */
    public Builder maxTrace(int calls) {
      if (calls < 1) {
        throw new IllegalArgumentException("maxTrace must be at least 1, was " + calls);
      }
      this.maxTrace = calls;
      return this;
    }

    /**
     * Runs every node on the thread that calls {@code get()}.
     *
     * @return this builder
     */
    public Builder sequential() {
      this.parallel = false;
      return this;
    }

    /**
     * Runs independent nodes in parallel (the default).
     *
     * @return this builder
     */
    public Builder parallel() {
      this.parallel = true;
      return this;
    }

    /**
     * Runs nodes on a pool of {@code threads} threads instead of the default pool (which has one thread per core).
     * Graphs asking for the same number share one pool, so dropping graphs leaves no threads behind.
     *
     * @param threads the number of worker threads; {@code >= 1}
     * @return this builder
     * @throws IllegalArgumentException if {@code threads} is less than 1
     */
    public Builder parallelism(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("parallelism must be at least 1, was " + threads);
      }
      this.parallelism = threads;
      return this;
    }

    /**
     * Runs non-blocking nodes on {@code executor} (blocking ones still go to virtual threads).
     *
     * @param executor the executor that runs non-blocking functions; not null
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Keeps results across runs in {@code cache} (see {@link PersistentCache}; {@code sloth-cache}'s {@code
     * DiskCache} is one): a second JVM running the same program on the same inputs then runs no function.
     *
     * <pre>{@code
     * Graph g = Graph.builder().persistentCache(DiskCache.builder(Path.of(".sloth-cache")).build()).build();
     * }</pre>
     *
     * @param cache the cache every function run goes through; not null
     * @return this builder
     */
    public Builder persistentCache(PersistentCache cache) {
      this.persistentCache = Objects.requireNonNull(cache, "cache");
      return this;
    }

    /**
     * The graph.
     *
     * @return a new graph with these settings
     */
    public Graph build() {
      return new Graph(this);
    }
  }
}
