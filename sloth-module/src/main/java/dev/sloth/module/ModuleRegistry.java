package dev.sloth.module;

import dev.sloth.graph.CycleException;
import dev.sloth.graph.EvaluationException;
import dev.sloth.graph.FnOptions;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where {@link LazyModule}s are loaded, and the policy that decides, from the outside, what may stay lazy. Loading a
 * module resolves its eager bindings and runs its at-load hooks; every other binding waits for its first read.
 *
 * <pre>{@code
 * ModuleRegistry registry = ModuleRegistry.create();       // mode from -Dsloth.module.mode / $SLOTH_MODULE_MODE
 * Db db = registry.load(new Db());
 * Web web = registry.load(new Web(db));
 * registry.prewarm();                                      // resolve the rest in the background
 * serve(web.handler.get());                                // builds only what the handler needs, if not yet warm
 *
 * registry.seal();      // resolves everything still pending; from now on no deferred definition runs
 * }</pre>
 *
 * <p><b>Policy.</b> A binding stays lazy only if its module declared it lazy ({@link LazyModule#bind}), the
 * registry's {@link Mode} is {@link Mode#LAZY_AS_DECLARED}, and the {@link LazinessFilter} allows it. The mode comes
 * from {@link Builder#mode}, else from the system property {@value #MODE_PROPERTY}, else from the environment
 * variable {@value #MODE_VARIABLE} ({@code lazy} or {@code eager}), so that CI can run everything eagerly and fail
 * early without a code change.
 *
 * <p><b>Seal.</b> {@link #seal()} is for code that crosses a trust boundary (after installing plugins, before
 * serving requests, before a checkpoint): it resolves every pending binding, then refuses to run any deferred
 * definition or to load any module, with a {@link SealedRegistryException}.
 *
 * <p><b>How it works.</b> Each binding is a computed node of the registry's own engine graph, and each module's load
 * is one more node that reads the eager bindings and runs the hooks. The engine supplies exactly-once computation
 * under contention, dependency recording, cycle detection across threads and failure paths; this class adds names,
 * locations and policy. See {@code docs/architecture.md ("Lazy modules")}.
 */
public final class ModuleRegistry {
  /** The system property that sets the mode of registries built without an explicit one: {@code lazy} or {@code eager}. */
  public static final String MODE_PROPERTY = "sloth.module.mode";
  /** The environment variable read when {@value #MODE_PROPERTY} is not set: {@code lazy} or {@code eager}. */
  public static final String MODE_VARIABLE = "SLOTH_MODULE_MODE";

  /**
   * How much a registry lets modules defer.
   *
   * <pre>{@code
   * ModuleRegistry ci = ModuleRegistry.builder().mode(ModuleRegistry.Mode.ALL_EAGER).build();
   * }</pre>
   */
  public enum Mode {
    /** Bindings are lazy as their modules declared them (subject to the filter). */
    LAZY_AS_DECLARED,
    /** Every binding resolves when its module loads: start-up runs everything and fails early. */
    ALL_EAGER;

    /**
     * The mode named by {@value #MODE_PROPERTY}, else by {@value #MODE_VARIABLE}, else {@link #LAZY_AS_DECLARED}.
     *
     * @return the mode named by {@value #MODE_PROPERTY}, else by {@value #MODE_VARIABLE}, else {@link
     *     #LAZY_AS_DECLARED}
     */
    public static Mode fromEnvironment() {
      String property = System.getProperty(MODE_PROPERTY);
      if (property != null && !property.isBlank()) {
        return parse(property, "system property " + MODE_PROPERTY);
      }
      String variable = System.getenv(MODE_VARIABLE);
      if (variable != null && !variable.isBlank()) {
        return parse(variable, "environment variable " + MODE_VARIABLE);
      }
      return LAZY_AS_DECLARED;
    }

    static Mode parse(String value, String source) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "lazy", "lazy_as_declared" -> LAZY_AS_DECLARED;
        case "eager", "all_eager" -> ALL_EAGER;
        default -> throw new IllegalArgumentException(source + " is '" + value + "'; expected 'lazy' or 'eager'");
      };
    }
  }

  /**
   * Sequential: every definition runs on the thread that reads it (a computed node has no arguments to fan out),
   * and a reader waiting for another thread's claim is woken by the engine when that claim is released.
   */
  private final Graph graph = Graph.builder().sequential().build();
  private final Mode mode;
  private final LazinessFilter filter;
  private final FnOptions bindingOptions;
  /** Guards {@link #modules} and {@link #sealing}: loads and the start of a seal are serialised. */
  private final Object lock = new Object();
  private final Map<String, LazyModule> modules = new LinkedHashMap<>();
  /**
   * How many definitions and loads of this registry run now, on any thread. Changed only under {@link #readPath};
   * atomic only so that tests can read it without the lock.
   */
  final AtomicInteger running = new AtomicInteger();
  /** Guards {@link #running}, {@link #published} and every binding's published value (see {@link #enterDefinition}). */
  private final Object readPath = new Object();
  /** The bindings of this registry whose value is published for the one-load read path. */
  private final List<Binding<?>> published = new ArrayList<>();
  private boolean sealing;
  /** Counted down when the seal that set {@link #sealing} is done; a seal() called meanwhile waits for it. */
  private final CountDownLatch sealDone = new CountDownLatch(1);
  private volatile boolean sealed;

  private ModuleRegistry(Builder b) {
    this.mode = b.mode != null ? b.mode : Mode.fromEnvironment();
    this.filter = b.filter;
    this.bindingOptions = b.cachingFailures ? FnOptions.defaults().cachingFailures() : FnOptions.defaults();
  }

  /**
   * A registry with the mode from the environment, no filter, and failed definitions retried on the next read.
   *
   * @return a registry with the mode from the environment, no filter, and failed definitions retried on the next read
   */
  public static ModuleRegistry create() {
    return builder().build();
  }

  /**
   * A builder for a registry with a chosen mode, filter or failure caching.
   *
   * @return a builder for a registry with a chosen mode, filter or failure caching
   */
  public static Builder builder() {
    return new Builder();
  }

  // ---------------------------------------------------------------------------------------------- loading

  /**
   * Loads {@code module}: from now on its bindings can be read. Resolves the bindings that are eager (declared so,
   * or made so by the mode or filter), then runs the at-load hooks, exactly once; returns the module. Loading a
   * module that is already loaded returns it at once (a load in progress on another thread is waited for); a load
   * that failed is tried again.
   *
   * @throws ModuleException if an eager binding, a hook or the registry's {@link LazinessFilter} failed (names the
   *     module, the binding or the hook)
   * @throws IllegalArgumentException if another module of the same name is loaded, or the module belongs to another
   *     registry
   * @throws SealedRegistryException if the registry is sealed
   * @param <M> the type of the module
   * @param module the module to load
   * @return {@code module}, loaded: its bindings can be read
   */
  public <M extends LazyModule> M load(M module) {
    Objects.requireNonNull(module, "the module to load is null");
    synchronized (lock) {
      if (sealing) {
        throw new SealedRegistryException("the registry is sealed; cannot load module '" + module.name()
            + "': load every module before seal()", null);
      }
      LazyModule existing = modules.get(module.name());
      if (existing != null && existing != module) {
        throw new IllegalArgumentException("a different module named '" + module.name() + "' is already loaded "
            + "(" + Errors.text(existing) + "); module names must be unique in a registry");
      }
      if (existing == null) {
        if (module.registry() != null) {
          throw new IllegalArgumentException("module '" + module.name() + "' is already loaded in another registry");
        }
        module.attach(this, graph, bindingOptions,
            mode == Mode.ALL_EAGER ? (m, b) -> false : filter);
        modules.put(module.name(), module);
      }
    }
    read(module.loadNode());
    return module;
  }

  /** The body of a module's load node: eager bindings, then hooks. */
  Object runLoad(LazyModule module) {
    Frame frame = Frame.enter(this, null);
    try {
      for (Binding<?> b : module.bindings()) {
        if (b.isEager()) {
          try {
            b.resolve();
          } catch (ModuleException e) {
            throw new ModuleException("module '" + module.name() + "' failed to load: its eager binding '"
                + b.name() + "' failed: " + e.getMessage(), e);
          }
        }
      }
      for (LazyModule.Hook hook : module.hooks()) {
        try {
          hook.body().run();
        } catch (Throwable e) { // an Error too: the same message, naming the hook, whatever it threw
          throw new ModuleException("module '" + module.name() + "' failed to load: its at-load hook (defined at "
              + Locations.format(Locations.element(hook.definedAt())) + ") threw " + Errors.text(e), e);
        }
      }
      return Boolean.TRUE;
    } finally {
      frame.exit();
    }
  }

  /**
   * The loaded modules, in load order.
   *
   * @return the loaded modules, in load order
   */
  public List<LazyModule> modules() {
    synchronized (lock) {
      return List.copyOf(modules.values());
    }
  }

  /**
   * The loaded module named {@code name}, if any.
   *
   * @param name the name, used in messages and snapshots
   * @return the loaded module named {@code name}, if any
   */
  public Optional<LazyModule> module(String name) {
    synchronized (lock) {
      return Optional.ofNullable(modules.get(name));
    }
  }

  /**
   * The mode this registry runs in.
   *
   * @return the mode this registry runs in
   */
  public Mode mode() {
    return mode;
  }

  // ---------------------------------------------------------------------------------------- seal, prewarm

  /**
   * Resolves every binding still pending (and waits for loads in progress), then seals the registry: from now on
   * it runs no deferred definition and loads no module. Bindings that failed stay failed: reading one throws a
   * {@link SealedRegistryException} that carries the first failure (in a registry that {@linkplain
   * Builder#cachingFailures() caches failures}, the cached {@link BindingException}). Sealing twice does nothing more; a
   * seal() called while another is in progress on another thread returns once that one is done.
   *
   * @return a snapshot of the sealed registry
   * @throws ModuleException if some bindings failed (the registry is sealed all the same); the first failure is the
   *     cause, the others are suppressed
   * @throws IllegalStateException if called from inside a definition or an at-load hook
   */
  public RegistrySnapshot seal() {
    if (Frame.current() != null) {
      throw new IllegalStateException("seal() was called from inside " + describe(Frame.current())
          + "; seal from the code that starts the application");
    }
    List<LazyModule> all;
    boolean first;
    synchronized (lock) {
      first = !sealing;
      sealing = true;
      all = List.copyOf(modules.values());
    }
    if (!first) {
      awaitSeal(); // a seal in progress on another thread: return only once the registry is sealed
      return snapshot();
    }
    List<RuntimeException> failures = new ArrayList<>();
    try {
      for (LazyModule m : all) {
        try {
          read(m.loadNode());
        } catch (RuntimeException e) {
          failures.add(e);
        }
        for (Binding<?> b : m.bindings()) {
          try {
            b.resolve();
          } catch (RuntimeException e) {
            failures.add(e);
          }
        }
      }
    } finally {
      sealed = true; // sealed all the same, whatever failed; nobody waits for a seal forever
      sealDone.countDown();
    }
    if (!failures.isEmpty()) {
      ModuleException e = new ModuleException("the registry is sealed, but " + failures.size() + " of its bindings "
          + "or loads failed and will not run again; the first: " + failures.get(0).getMessage(), failures.get(0));
      failures.subList(1, failures.size()).forEach(e::addSuppressed);
      throw e;
    }
    return snapshot();
  }

  /** Waits for the seal in progress to finish; an interrupt is kept for the caller, not lost. */
  private void awaitSeal() {
    boolean interrupted = false;
    while (true) {
      try {
        sealDone.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Whether {@link #seal()} has completed.
   *
   * @return whether {@link #seal()} has completed
   */
  public boolean isSealed() {
    return sealed;
  }

  /**
   * Starts resolving every pending binding in the background, on a new daemon thread, to take first-use latency off
   * the request path. A read of a binding that prewarm is resolving waits for it instead of running it again.
   * Failures do not stop prewarm; they show in the snapshot, and the next read tries again.
   *
   * @return the snapshot taken when prewarm is done
   */
  public CompletableFuture<RegistrySnapshot> prewarm() {
    return prewarm(task -> {
      Thread t = new Thread(task, "sloth-prewarm");
      t.setDaemon(true);
      t.start();
    });
  }

  /**
   * Like {@link #prewarm()}, on {@code executor}. The pending bindings are resolved one after the other, modules in
   * load order, bindings in declaration order; each definition resolves what it reads first, so dependencies are
   * ready before their dependents finish.
   *
   * @param executor the executor that runs the resolution
   * @return like {@link #prewarm()}, on {@code executor}
   */
  public CompletableFuture<RegistrySnapshot> prewarm(Executor executor) {
    Objects.requireNonNull(executor, "executor");
    List<Binding<?>> pending = new ArrayList<>();
    for (LazyModule m : modules()) {
      for (Binding<?> b : m.bindings()) {
        if (b.state() == BindingState.PENDING) {
          pending.add(b);
        }
      }
    }
    return CompletableFuture.supplyAsync(() -> {
      for (Binding<?> b : pending) {
        try {
          b.resolve();
        } catch (RuntimeException failedOrSealed) {
          // visible in the snapshot; the next read tries again
        }
      }
      return snapshot();
    }, executor);
  }

  // -------------------------------------------------------------------------------------------- snapshot

  /**
   * The state, timings and recorded dependencies of every binding of every loaded module, now.
   *
   * @return the state, timings and recorded dependencies of every binding of every loaded module, now
   */
  public RegistrySnapshot snapshot() {
    List<RegistrySnapshot.BindingInfo> infos = new ArrayList<>();
    List<RegistrySnapshot.Dependency> edges = new ArrayList<>();
    for (LazyModule m : modules()) {
      for (Binding<?> b : m.bindings()) {
        BindingState state = b.state();
        boolean resolved = state == BindingState.RESOLVED;
        Throwable failure = b.firstFailure();
        infos.add(new RegistrySnapshot.BindingInfo(m.name(), b.name(), b.genericType().getTypeName(), state, b.isEager(),
            b.definedAt(), b.firstReadAt(), resolved ? b.computeTime() : null, resolved ? b.totalTime() : null,
            failure == null ? null : Errors.text(failure)));
        for (String dependency : b.dependencyNames()) {
          if (bindingNamed(dependency) != null) {
            edges.add(new RegistrySnapshot.Dependency(b.qualifiedName(), dependency));
          }
        }
      }
    }
    return new RegistrySnapshot(infos, edges);
  }

  @Override
  public String toString() {
    return "ModuleRegistry[" + mode + ", " + modules().size() + " modules" + (sealed ? ", sealed]" : "]");
  }

  // ------------------------------------------------------------------------------------------- machinery

  /**
   * Reads {@code node} (a binding's or a module load's) and translates the engine's errors. Inside a definition the
   * engine records the read as a dependency, and a read that would close a cycle throws instead of waiting.
   */
  <T> T read(Node<T> node) {
    Frame frame = Frame.current();
    if (frame == null) {
      try {
        return node.get();
      } catch (EvaluationException e) {
        throw Errors.translate(e, this);
      }
    }
    if (frame.registry != this) {
      throw new IllegalStateException(describe(frame) + " read '" + node.name() + "' of another registry; a "
          + "definition can only read bindings of modules loaded in its own registry");
    }
    long start = System.nanoTime();
    try {
      return node.get();
    } catch (EvaluationException e) {
      throw Errors.translate(e, this);
    } catch (CycleException e) {
      throw Errors.cycle(e, this);
    } finally {
      frame.addReadTime(System.nanoTime() - start);
    }
  }

  /**
   * Whether a read on this thread now is made inside a definition or load of this registry, so that the engine must
   * see it (to record it as a dependency, or to find a cycle); any other read of a resolved binding needs only its
   * value.
   */
  boolean recordsReadsHere() {
    Frame frame = Frame.current();
    return frame != null && frame.registry == this;
  }

  /**
   * The binding of a loaded module whose qualified name (its engine node's name) is {@code qualifiedName}, or null
   * (a module's load node, or a node of no binding). Looked up through the modules rather than kept in a map of all
   * bindings: only errors and snapshots ask, and loading stays free of per-binding work.
   */
  Binding<?> bindingNamed(String qualifiedName) {
    int dot = qualifiedName.lastIndexOf('.'); // binding names have no dots, module names may
    if (dot < 0) {
      return null;
    }
    LazyModule m;
    synchronized (lock) {
      m = modules.get(qualifiedName.substring(0, dot));
    }
    return m == null ? null : m.bindingOrNull(qualifiedName.substring(dot + 1));
  }

  /** Called by a binding's engine node before its definition runs: a sealed registry runs no definition. */
  void checkMayDefine(Binding<?> b) {
    if (sealed) {
      Throwable first = b.firstFailure();
      throw new SealedRegistryException("the registry is sealed: the definition of binding '" + b.qualifiedName()
          + "' may not run any more" + (first == null ? "" : "; it failed before seal() with " + Errors.text(first)), first);
    }
  }

  /**
   * Called when a definition or a load of this registry starts, on its thread, before it runs any user code: the
   * first one to start (none was running) sends every published binding back through the engine.
   *
   * <p><b>Why no read inside a definition misses the engine.</b> {@link Binding#get()} returns a binding's published
   * value without asking the engine, and only the engine records a read inside a definition as its dependency. So
   * while a definition D of this registry runs, every published value must be null to the thread running D. All
   * writes of published values, all changes of {@link #running} and of {@link #published} are made under {@link
   * #readPath}, so they form one order, that of the lock. A value is published ({@link #publish}) only while
   * {@code running} is zero, and every published binding is in {@code published}. D's thread enters here under the
   * lock: if {@code running} was zero, it clears every published value before counting itself; if not, the
   * definition that made it non-zero cleared them, and none was published since ({@code running} stayed non-zero).
   * Either way the last write of each published value before D's entry, in lock order, is a null, and no write
   * follows until D's exit (which releases the lock only after D's reads): D's reads come after that null in
   * happens-before and before any later publication, so they can only see null, and take the engine's path. The
   * count is per registry, so a registry busy defining leaves the published values of the others alone.
   *
   * <p>Clearing costs one write per published binding, and a binding is published again only by a read through the
   * engine, so the clearing is paid for by the reads that published: a constant per read, however often definitions
   * start.
   */
  void enterDefinition() {
    synchronized (readPath) {
      if (running.get() == 0) {
        for (Binding<?> b : published) {
          b.unpublish();
        }
        published.clear();
      }
      running.incrementAndGet(); // last: if clearing fails (a stack overflow), nothing is counted, nothing runs
    }
  }

  /** Called when a definition or load of this registry ends (in a finally): the pair of {@link #enterDefinition}. */
  void exitDefinition() {
    synchronized (readPath) {
      running.decrementAndGet();
    }
  }

  /**
   * Publishes {@code value}, just read through the engine, as {@code b}'s value for the one-load read path, if no
   * definition of this registry runs now (see {@link #enterDefinition}); else later reads keep asking the engine.
   */
  <T> void publish(Binding<T> b, T value) {
    if (running.get() != 0) {
      return; // a hint only, to skip the lock while busy: the decision is made under it
    }
    synchronized (readPath) {
      if (running.get() == 0 && !b.isPublished()) {
        b.publishValue(value);
        published.add(b);
      }
    }
  }

  private static String describe(Frame f) {
    return f.binding == null ? "an at-load hook" : "the definition of binding '" + f.binding.qualifiedName() + "'";
  }

  /**
   * Settings for a new {@link ModuleRegistry}.
   *
   * <pre>{@code
   * ModuleRegistry r = ModuleRegistry.builder()
   *     .mode(ModuleRegistry.Mode.LAZY_AS_DECLARED)
   *     .filter(LazinessFilter.eagerModules("plugins"))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private Mode mode;
    private LazinessFilter filter = LazinessFilter.allowAll();
    private boolean cachingFailures;

    private Builder() {}

    /**
     * Uses {@code mode}, whatever the system property or environment variable say.
     *
     * @param mode {@code LAZY_AS_DECLARED} or {@code ALL_EAGER}
     * @return this builder
     */
    public Builder mode(Mode mode) {
      this.mode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /**
     * Makes eager every binding {@code filter} does not allow to stay lazy.
     *
     * @param filter the filter that decides which bindings may stay lazy
     * @return this builder
     */
    public Builder filter(LazinessFilter filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /**
     * A failed definition is not run again: later reads rethrow its error.
     *
     * @return this builder
     */
    public Builder cachingFailures() {
      this.cachingFailures = true;
      return this;
    }

    /**
     * The registry.
     *
     * @throws IllegalArgumentException if no mode was set and the system property or environment variable holds
     *     something other than {@code lazy} or {@code eager}
     * @return the registry
     */
    public ModuleRegistry build() {
      return new ModuleRegistry(this);
    }
  }
}
