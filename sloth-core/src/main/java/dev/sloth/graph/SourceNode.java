package dev.sloth.graph;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A settable input. Always current; it keeps the versions of its value that a running session may still read, so
 * that every function run for one top-level {@code get()} sees it as of that get's revision (see {@link Session}).
 *
 * <p>A change, under the graph's change lock (changes of one graph are installed one at a time, in revision order):
 * reserve a revision; push a version; raise this source's {@code dirtyAt}; mark every dependent that can be reached
 * dirty; complete the revision (in a {@code finally}, so that even an {@code Error} midway cannot stop the clock).
 * Evaluations never take this lock: a {@code set} never waits for an evaluation, however long.
 */
final class SourceNode<T> extends AbstractNode<T> implements Source<T> {
  private static final Object[] NO_ARGUMENTS = new Object[0];

  /** A value and the revision it became current at; {@code older} is the version before, while someone may read it. */
  record Version(long revision, Object value, Version older) {}

  private final Graph graph;
  private final String name;
  private volatile Version head;

  SourceNode(Graph graph, String name, T initial) {
    super(graph);
    this.graph = graph;
    this.name = name;
    this.head = new Version(0, initial, null);
    this.value = initial;
    this.changedAt = 0;
    this.verifiedAt = Long.MAX_VALUE;
  }

  @Override
  public void set(T newValue) {
    checkNotInsideFunction();
    Graph.Changes tx = Graph.openChange(graph);
    if (tx != null) {
      tx.stage(this, newValue);
      return;
    }
    if (setLocked(newValue)) {
      graph.events().invalidated(this, changedAt);
    }
  }

  @Override
  public void update(UnaryOperator<T> f) {
    Objects.requireNonNull(f, "f");
    checkNotInsideFunction();
    Graph.Changes tx = Graph.openChange(graph);
    if (tx != null) {
      tx.stage(this, f.apply(tx.current(this)));
      return;
    }
    boolean changed;
    synchronized (graph.setLock()) {
      changed = setLocked(f.apply(current()));
    }
    if (changed) {
      graph.events().invalidated(this, changedAt);
    }
  }

  /** One change of this source alone; returns whether the value changed. */
  private boolean setLocked(Object newValue) {
    synchronized (graph.setLock()) {
      if (!changes(newValue)) {
        return false;
      }
      Propagation marks = new Propagation(); // before the reservation: nothing may fail between it and the try
      long next = Revisions.reserve();
      try {
        install(next, newValue);
        marks.run(this, next);
      } finally {
        Revisions.complete(next);
      }
      marks.notifyObservers();
      return true;
    }
  }

  /** Installs {@code newValue} as of revision {@code next}; with the graph's change lock held. */
  void install(long next, Object newValue) {
    long keepFrom = Revisions.oldestReadable();
    head = new Version(next, newValue, prune(head, keepFrom));
    changedAt = next;
    value = newValue;
    raiseDirty(next);
  }

  /** {@code v} without the versions no open session can read: those older than the one current at {@code keepFrom}. */
  private static Version prune(Version v, long keepFrom) {
    for (Version x = v; x != null; x = x.older()) {
      if (x.revision() <= keepFrom) {
        if (x.older() == null) {
          return v;
        }
        // Rebuild the few newer versions (immutable records) down to x, which becomes the oldest.
        return copyDownTo(v, x);
      }
    }
    return v;
  }

  private static Version copyDownTo(Version v, Version last) {
    if (v == last) {
      return new Version(v.revision(), v.value(), null);
    }
    return new Version(v.revision(), v.value(), copyDownTo(v.older(), last));
  }

  /** Whether {@code newValue} changes this source (for an atomic update). */
  boolean changes(Object newValue) {
    try {
      return !Objects.equals(value, newValue);
    } catch (Throwable t) { // the values' equals: user code. Called before anything is installed: nothing changed
      throw new IllegalArgumentException("source '" + name + "' was not set: comparing its current value, a "
          + value.getClass().getName() + ", with the new one (equals) threw " + ValueText.ofThrowable(t)
          + "; nothing changed", t);
    }
  }

  @SuppressWarnings("unchecked")
  T current() {
    return (T) value;
  }

  Version versionAt(long r) {
    for (Version v = head; v != null; v = v.older()) {
      if (v.revision() <= r) {
        return v;
      }
    }
    return null;
  }

  @Override
  int usableAt(long r) {
    return versionAt(r) != null ? CURRENT : NEWER;
  }

  @Override
  boolean newerThan(long r) {
    return versionAt(r) == null;
  }

  @Override
  long validFrom(long r) {
    return changedAt(r);
  }

  @Override
  Object valueAt(long r) {
    Version v = versionAt(r);
    return v != null ? v.value() : value;
  }

  @Override
  long changedAt(long r) {
    Version v = versionAt(r);
    return v != null ? v.revision() : changedAt;
  }

  private void checkNotInsideFunction() {
    Computation running = Computation.current();
    if (running != null) {
      throw new IllegalStateException("source '" + name + "' cannot be set from inside the running function of '"
          + running.node.name() + "': functions must not have side effects on the graph; set sources from outside");
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get() {
    Computation reader = Computation.current();
    if (reader != null) {
      return reader.read(this, 0L);
    }
    Evaluation.checkTopLevelRead(this);
    return (T) value;
  }

  @Override
  public Source<T> executor(java.util.concurrent.Executor executor) {
    throw new UnsupportedOperationException("source '" + name + "' runs no function, so it takes no executor");
  }

  @Override
  Object[] arguments() {
    return NO_ARGUMENTS;
  }

  @Override
  AbstractNode<?>[] reads() {
    return null;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public NodeState state() {
    return NodeState.VALID;
  }

  @Override
  public List<Node<?>> dependencies() {
    return List.of();
  }

  @Override
  public Graph graph() {
    return graph;
  }
}
