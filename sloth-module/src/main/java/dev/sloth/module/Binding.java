package dev.sloth.module;

import dev.sloth.graph.FnOptions;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * A typed, named part of a {@link LazyModule}, defined by code that runs when the binding is first read. The first
 * {@link #get()} runs the definition (exactly once, however many threads read at once); reads of other bindings
 * inside it are recorded as its dependencies. Later reads return the value at about the cost of a field read.
 *
 * <pre>{@code
 * LazyModule db = LazyModule.named("db");
 * Binding<Config> config = db.bind("config", Config.class, Config::load);
 * Binding<Pool> pool = db.bind("pool", Pool.class, () -> new Pool(config.get().url()));
 * registry.load(db);     // runs neither definition
 * pool.get();            // loads the config, then builds the pool; both are cached
 * }</pre>
 *
 * <p>A binding resolves once: a resolved binding never changes, so its cached value needs no invalidation. A failed
 * definition is run again by the next read (unless the registry {@linkplain ModuleRegistry.Builder#cachingFailures()
 * caches failures}), and its error is a {@link BindingException} that says where the binding was defined and first
 * read. A definition that (transitively) reads its own binding gets a {@link BindingCycleException}.
 *
 * @param <T> the type of the value
 */
public final class Binding<T> {
  private static final VarHandle VALUE;
  private static final VarHandle FIRST_READ_AT;
  private static final VarHandle FIRST_FAILURE;

  static {
    try {
      MethodHandles.Lookup l = MethodHandles.lookup();
      VALUE = l.findVarHandle(Binding.class, "value", Object.class);
      FIRST_READ_AT = l.findVarHandle(Binding.class, "firstReadAt", Locations.Site.class);
      FIRST_FAILURE = l.findVarHandle(Binding.class, "firstFailure", Throwable.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final LazyModule module;
  private final String name;
  /** The class values are checked against: the type itself, or a {@link TypeToken}'s raw type. */
  private final Class<? super T> type;
  /** The full type: {@link #type} for a binding made with a Class, the token's type for one made with a token. */
  private final java.lang.reflect.Type genericType;
  private final Supplier<? extends T> definition;
  private final boolean declaredEager;
  /** {@code module.binding}, made on first use. */
  private String qualifiedName;
  private final Locations.Site definedAt;

  /**
   * The value, published for the one-load read path, or null: {@link #get()} returns it as it is when non-null, and
   * asks the engine otherwise. Written only by the registry, under its read-path lock ({@link
   * ModuleRegistry#publish}, {@link ModuleRegistry#enterDefinition}); read without a lock, with acquire.
   *
   * <p><b>Why a read needs the engine at all once the binding is resolved.</b> Inside a definition of the same
   * registry, the read is that definition's dependency, and only the engine records it (snapshots, the dependency
   * graph). Outside every definition of the registry nothing needs recording, and the value never changes (a binding
   * resolves once), so the field is enough. The registry therefore keeps this field non-null only while none of its
   * definitions runs: it publishes the value after a read made while none runs, and clears every published field
   * when its first definition starts. The read path is one acquire load of this field and a null check: no counter,
   * no thread-local, nothing shared with other registries. The memory-model argument is in {@link
   * ModuleRegistry#enterDefinition}.
   */
  private T value;
  /**
   * The value, once a read through the engine returned it; never cleared (a binding resolves once). A read that
   * needs no recording, made outside every definition of the registry (on a request thread while prewarm runs, on
   * a common-pool thread, or in a definition of another registry), returns it without asking the engine: the
   * engine would refuse such a read on a common-pool thread while a definition of the registry runs, and the
   * registry refuses it from a definition of another registry, although there is nothing to record or wait for.
   */
  private volatile T resolved;
  /** Set when the module is loaded. */
  private volatile ModuleRegistry registry;
  private Graph graph;
  private FnOptions options;
  /** The engine node, made on the first read: loading a module costs nothing per binding it does not use. */
  private volatile Node<T> node;
  private volatile boolean eager;
  private volatile Locations.Site firstReadAt;
  private volatile Throwable firstFailure;
  private volatile long computeNanos = -1;
  private volatile long totalNanos = -1;

  Binding(LazyModule module, String name, Class<? super T> type, java.lang.reflect.Type genericType,
      Supplier<? extends T> definition, boolean declaredEager, Locations.Site definedAt) {
    this.module = module;
    this.name = name;
    this.type = type;
    this.genericType = genericType;
    this.definition = definition;
    this.declaredEager = declaredEager;
    this.eager = declaredEager;
    this.definedAt = definedAt;
  }

  /**
   * Returns the value, running the definition first if this is the first read (or the last run failed). Inside
   * another binding's definition, the read is recorded as that binding's dependency.
   *
   * @throws BindingException if this binding's definition, or one it read, threw
   * @throws BindingCycleException if the definition (transitively) reads this binding
   * @throws SealedRegistryException if the registry is sealed and the definition would have to run
   * @throws IllegalStateException if the binding's module is not loaded
   * @return the value, running the definition first if this is the first read (or the last run failed)
   */
  @SuppressWarnings("unchecked")
  public T get() {
    Object v = VALUE.getAcquire(this);
    if (v != null) { // published: no definition of the registry runs (see ModuleRegistry.enterDefinition)
      return (T) v;
    }
    return read();
  }

  private T read() {
    ModuleRegistry r = registry;
    if (r == null) {
      throw new IllegalStateException("binding '" + qualifiedName() + "' cannot be read: its module '"
          + module.name() + "' is not loaded; call registry.load(module) before reading its bindings");
    }
    if (firstReadAt == null) {
      FIRST_READ_AT.compareAndSet(this, null, Locations.capture());
    }
    T known = resolved;
    if (known == null || r.recordsReadsHere()) {
      known = r.read(node());
      resolved = known;
    }
    r.publish(this, known);
    return known;
  }

  /**
   * The binding's name within its module.
   *
   * @return the binding's name within its module
   */
  public String name() {
    return name;
  }

  /**
   * {@code module.binding}, the name used in errors, snapshots and the dependency graph.
   *
   * @return {@code module.binding}, the name used in errors, snapshots and the dependency graph
   */
  public String qualifiedName() {
    // Made when asked (the engine node, errors, snapshots), not per binding at start-up; a String is immutable, so
    // a racy cache is safe: at worst two threads build equal strings.
    String q = qualifiedName;
    if (q == null) {
      q = module.name() + "." + name;
      qualifiedName = q;
    }
    return q;
  }

  /**
   * The module this binding belongs to.
   *
   * @return the module this binding belongs to
   */
  public LazyModule module() {
    return module;
  }

  /**
   * The class of the value; the definition's result is checked against it. For a binding made with a {@link
   * TypeToken} it is the token's raw type ({@code List} for {@code List<String>}); see {@link #genericType()}.
   *
   * @return the class of the value; the definition's result is checked against it
   */
  public Class<? super T> type() {
    return type;
  }

  /**
   * The full type of the value: {@code java.util.List<java.lang.String>}, or the class for a plain binding.
   *
   * @return the full type of the value: {@code java.util.List<java.lang.String>}, or the class for a plain binding
   */
  public java.lang.reflect.Type genericType() {
    return genericType;
  }

  /**
   * The state now: pending, resolving, resolved or failed.
   *
   * @return the state now: pending, resolving, resolved or failed
   */
  public BindingState state() {
    Node<T> n = node;
    if (n == null) {
      return BindingState.PENDING;
    }
    return switch (n.state()) {
      case NEW -> BindingState.PENDING;
      case RUNNING -> BindingState.RESOLVING;
      case VALID, STALE -> BindingState.RESOLVED;
      case FAILED -> BindingState.FAILED;
    };
  }

  /**
   * Whether the binding is resolved when its module loads: declared with {@link LazyModule#bindEager}, or made eager
   * by the registry's {@linkplain ModuleRegistry.Mode mode} or {@linkplain LazinessFilter filter} (known once the
   * module is loaded).
   *
   * @return whether the binding is resolved when its module loads: declared with {@link LazyModule#bindEager}, or made
   *     eager by the registry's {@linkplain ModuleRegistry.Mode mode} or {@linkplain LazinessFilter filter} (known once
   *     the module is loaded)
   */
  public boolean isEager() {
    return eager;
  }

  /**
   * Where the binding was bound (the application frame that called {@code bind}), or null if there was none.
   *
   * @return where the binding was bound (the application frame that called {@code bind}), or null if there was none
   */
  public StackTraceElement definedAt() {
    return Locations.element(definedAt);
  }

  /**
   * Where the binding was first read, or null if it was not read yet or was first read by prewarm or seal.
   *
   * @return where the binding was first read, or null if it was not read yet or was first read by prewarm or seal
   */
  public StackTraceElement firstReadAt() {
    return Locations.element(firstReadAt);
  }

  /**
   * How long the definition took the last time it completed, not counting the time spent reading other bindings;
   * null if it never completed.
   *
   * @return how long the definition took the last time it completed, not counting the time spent reading other
   *     bindings; null if it never completed
   */
  public Duration computeTime() {
    long n = computeNanos;
    return n < 0 ? null : Duration.ofNanos(n);
  }

  @Override
  public String toString() {
    String t = genericType instanceof Class<?> c ? c.getSimpleName() : genericType.getTypeName();
    return "Binding[" + qualifiedName() + ": " + t + ", " + state() + "]";
  }

  // ------------------------------------------------------------------------------------------- machinery

  boolean isDeclaredEager() {
    return declaredEager;
  }

  /** The engine node, made now if this is the first read. Only after the module is loaded. */
  Node<T> node() {
    Node<T> n = node;
    if (n == null) {
      synchronized (this) {
        n = node;
        if (n == null) {
          n = graph.computed(qualifiedName(), options, this::define);
          node = n;
        }
      }
    }
    return n;
  }

  /** The recorded dependencies' names (empty before the first read). */
  List<String> dependencyNames() {
    Node<T> n = node;
    return n == null ? List.of() : n.dependencies().stream().map(Node::name).toList();
  }

  /** Called once by the registry when the module loads, before any read; publishes through {@link #registry}. */
  void attach(ModuleRegistry registry, Graph graph, FnOptions options, boolean eager) {
    this.graph = graph;
    this.options = options;
    this.eager = eager;
    this.registry = registry;
  }

  /** Whether the value is published for the one-load read path; under the registry's read-path lock. */
  boolean isPublished() {
    return value != null;
  }

  /**
   * Publishes the resolved value for the one-load read path, with release: a reader that sees it sees the value as
   * the definition built it. Only {@link ModuleRegistry#publish}, under its read-path lock.
   */
  void publishValue(T resolved) {
    VALUE.setRelease(this, resolved);
  }

  /** Sends later reads through the engine. Only {@link ModuleRegistry#enterDefinition}, under its read-path lock. */
  void unpublish() {
    value = null;
  }

  /** Reads the binding for the registry (load, seal, prewarm): errors are left for the caller to collect. */
  void resolve() {
    get();
  }

  /** The first exception the definition threw, kept across retries; null if it never failed. */
  Throwable firstFailure() {
    return firstFailure;
  }

  Duration totalTime() {
    long n = totalNanos;
    return n < 0 ? null : Duration.ofNanos(n);
  }

  /** The engine node's body: runs the definition in a frame, checks the value, keeps the timings. */
  private T define() {
    registry.checkMayDefine(this);
    Frame frame = Frame.enter(registry, this);
    try {
      T value = definition.get();
      if (value == null) {
        throw new NullPointerException("the definition of binding '" + qualifiedName() + "' returned null; a "
            + "binding must produce a value (use Optional for one that may be absent)");
      }
      if (!type.isInstance(value)) {
        throw new ClassCastException("the definition of binding '" + qualifiedName() + "' returned a "
            + value.getClass().getName() + " (" + Errors.text(value) + "), expected a " + genericType.getTypeName());
      }
      long total = frame.elapsedNanos();
      totalNanos = total;
      computeNanos = Math.max(0, total - frame.readNanos());
      return value;
    } catch (RuntimeException | Error e) {
      FIRST_FAILURE.compareAndSet(this, null, e);
      throw e;
    } finally {
      frame.exit();
    }
  }
}
