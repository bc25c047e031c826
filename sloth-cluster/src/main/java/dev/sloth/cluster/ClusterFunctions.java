package dev.sloth.cluster;

import dev.sloth.graph.Function0;
import dev.sloth.graph.Function1;
import dev.sloth.graph.Function2;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The application's remote functions, by name (the graph's serializable function types, so that each has a
 * {@link dev.sloth.graph.FunctionIdentity}): the same table on the driver and on every member. Remote tasks name
 * a function and its {@linkplain CodeVersion code version}; they never carry code.
 *
 * <pre>{@code
 * final class App {
 *   static final ClusterFunctions FUNCTIONS = ClusterFunctions.create();
 *   static final RemoteFn<Integer> SQUARE = FUNCTIONS.fn1("Square", (Integer x) -> x * x);
 *   static final RemoteFn<Integer> ADD = FUNCTIONS.fn2("Add", (Integer a, Integer b) -> a + b);
 *   static final RemoteFn<Integer> SUM = FUNCTIONS.fnN("Sum", (List<Integer> xs) -> xs.stream().mapToInt(i -> i).sum());
 * }
 * }</pre>
 *
 * <p>Thread-safe. A name is registered once: a second registration under a used name is an error.
 */
public final class ClusterFunctions {
  private final Map<String, RemoteFn<?>> byName = new ConcurrentHashMap<>();
  private final CodeVersion versions;

  private ClusterFunctions(CodeVersion versions) {
    this.versions = versions;
  }

  /**
   * An empty table whose code versions are {@linkplain CodeVersion#reachableBytecode() hashes of the bytecode each
   * function can reach}.
   *
   * @return a table with no functions
   */
  public static ClusterFunctions create() {
    return new ClusterFunctions(CodeVersion.reachableBytecode());
  }

  /**
   * An empty table whose code versions come from {@code versions}.
   *
   * @param versions how each function's code version is computed when it is registered
   * @return a table with no functions
   */
  public static ClusterFunctions create(CodeVersion versions) {
    return new ClusterFunctions(Objects.requireNonNull(versions, "the code-version strategy is null"));
  }

  /**
   * Registers a function of no arguments.
   *
   * @param <R> the type of the result
   * @param name the function's name, unique in this table; members match functions by it
   * @param f the code; it and everything it captures must be serializable
   * @return the handle to pass to {@link Cluster#call}
   */
  public <R> RemoteFn<R> fn0(String name, Function0<? extends R> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return register(name, 0, f, args -> f.apply());
  }

  /**
   * Registers a function of one argument.
   *
   * @param <A> the type of the argument
   * @param <R> the type of the result
   * @param name the function's name, unique in this table; members match functions by it
   * @param f the code; it and everything it captures must be serializable
   * @return the handle to pass to {@link Cluster#call}
   */
  @SuppressWarnings("unchecked")
  public <A, R> RemoteFn<R> fn1(String name, Function1<? super A, ? extends R> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return register(name, 1, f, args -> f.apply((A) args[0]));
  }

  /**
   * Registers a function of two arguments.
   *
   * @param <A> the type of the first argument
   * @param <B> the type of the second argument
   * @param <R> the type of the result
   * @param name the function's name, unique in this table; members match functions by it
   * @param f the code; it and everything it captures must be serializable
   * @return the handle to pass to {@link Cluster#call}
   */
  @SuppressWarnings("unchecked")
  public <A, B, R> RemoteFn<R> fn2(String name, Function2<? super A, ? super B, ? extends R> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return register(name, 2, f, args -> f.apply((A) args[0], (B) args[1]));
  }

  /**
   * Registers a function of any number of arguments, which it receives as an unmodifiable list.
   *
   * @param <A> the type of every argument
   * @param <R> the type of the result
   * @param name the function's name, unique in this table; members match functions by it
   * @param f the code; it and everything it captures must be serializable
   * @return the handle to pass to {@link Cluster#call}
   */
  @SuppressWarnings("unchecked")
  public <A, R> RemoteFn<R> fnN(String name, Function1<? super List<A>, ? extends R> f) {
    Objects.requireNonNull(f, () -> "the function given for '" + name + "' is null");
    return register(name, -1, f, args -> f.apply((List<A>) Arrays.asList(args.clone())));
  }

  /**
   * The function registered under {@code name}, or null.
   *
   * @param name a function's name
   * @return the handle registered under it, or null if none is
   */
  public RemoteFn<?> get(String name) {
    return byName.get(name);
  }

  /**
   * The number of registered functions.
   *
   * @return how many names are registered
   */
  public int size() {
    return byName.size();
  }

  /** The code version {@code f} would have if registered under {@code name} in this table. */
  String versionOf(String name, Object f) {
    return versions.of(name, f);
  }

  private <R> RemoteFn<R> register(String name, int arity, Object f, RemoteFn.Body body) {
    Objects.requireNonNull(name, "the function name is null");
    if (name.isBlank()) {
      throw new IllegalArgumentException("a function name must not be blank");
    }
    RemoteFn<R> fn = new RemoteFn<>(name, arity, versions.of(name, f), body);
    RemoteFn<?> before = byName.putIfAbsent(name, fn);
    if (before != null) {
      throw new IllegalArgumentException("a function named '" + name + "' is already registered: " + before);
    }
    return fn;
  }

  @Override
  public String toString() {
    return "ClusterFunctions" + byName.keySet();
  }
}
