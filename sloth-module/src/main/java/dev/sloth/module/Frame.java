package dev.sloth.module;

/**
 * A definition (or a module's load) running on this thread. Frames form a per-thread stack; each one measures its
 * definition's time and how much of it was spent reading other bindings, so that a binding's own compute time can be
 * told from the time it waited for its dependencies.
 *
 * <p>Each registry counts its running frames ({@link ModuleRegistry#running}); that count is what lets a resolved
 * binding's read be a field read: while no definition of its registry runs anywhere, a read of it cannot be a
 * dependency to record (a definition reads only bindings of its own registry), so {@link Binding#get()} returns the
 * cached value without asking the engine. The count is per registry, so a registry busy defining does not slow the
 * reads of another.
 */
final class Frame {
  private static final ThreadLocal<Frame> CURRENT = new ThreadLocal<>();

  final ModuleRegistry registry;
  /** The binding being defined, or null when this frame is a module's load. */
  final Binding<?> binding;
  private final Frame outer;
  private final long start;
  /** Nanoseconds spent inside reads of other bindings (their definitions, or waiting for them). */
  private long readNanos;

  private Frame(ModuleRegistry registry, Binding<?> binding, Frame outer) {
    this.registry = registry;
    this.binding = binding;
    this.outer = outer;
    this.start = System.nanoTime();
  }

  /** The innermost frame of this thread, or null outside definitions. */
  static Frame current() {
    return CURRENT.get();
  }

  /** Pushes a frame for {@code binding} (null for a module load); pair with {@link #exit()} in a finally. */
  static Frame enter(ModuleRegistry registry, Binding<?> binding) {
    Frame f = new Frame(registry, binding, CURRENT.get());
    registry.running.incrementAndGet();
    CURRENT.set(f);
    return f;
  }

  void exit() {
    CURRENT.set(outer);
    registry.running.decrementAndGet();
  }

  void addReadTime(long nanos) {
    readNanos += nanos;
  }

  long elapsedNanos() {
    return System.nanoTime() - start;
  }

  long readNanos() {
    return readNanos;
  }
}
