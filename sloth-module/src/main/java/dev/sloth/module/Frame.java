package dev.sloth.module;

/**
 * A definition (or a module's load) running on this thread. Frames form a per-thread stack; each one measures its
 * definition's time and how much of it was spent reading other bindings, so that a binding's own compute time can be
 * told from the time it waited for its dependencies.
 *
 * <p>Each registry counts its running frames ({@link ModuleRegistry#enterDefinition}); while the count is zero, the
 * registry publishes its resolved bindings' values for a read that is one field load, and the first frame to enter
 * takes them back, so that reads inside definitions reach the engine, which records them as dependencies. The count
 * is per registry, so a registry busy defining does not slow the reads of another.
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
    registry.enterDefinition();
    try {
      CURRENT.set(f);
    } catch (Throwable t) { // a stack overflow: the caller's finally is not reached, so undo the count here
      registry.exitDefinition();
      throw t;
    }
    return f;
  }

  void exit() {
    CURRENT.set(outer);
    registry.exitDefinition();
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
