package dev.sloth.graph;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * The state every node keeps, and reading it. See {@code docs/architecture.md} for the algorithm; in short, a node
 * is current at revision {@code r} when {@code verifiedAt >= r}, and it must be recomputed when one of its
 * dependencies changed after it was last verified ({@code dep.changedAt > verifiedAt}).
 *
 * <p>Publication: {@code value}, {@code changedAt} and a call node's recorded reads are plain fields written only by
 * the thread that holds the node's claim ({@link #inflight}); that thread then writes {@code verifiedAt} (volatile)
 * and releases the claim (volatile). A reader that sees {@code verifiedAt >= r}, or that learns of the release
 * through the evaluation's atomic counters, sees the fields written before.
 */
abstract sealed class AbstractNode<T> implements Node<T> permits CallNode, SourceNode {
  static final Object UNSET = new Object() {
    @Override
    public String toString() {
      return "<unset>";
    }
  };

  private static final VarHandle INFLIGHT;

  static {
    try {
      INFLIGHT = MethodHandles.lookup().findVarHandle(AbstractNode.class, "inflight", Computation.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** Unique within the graph; orders and names nodes in snapshots. */
  final int id;
  /** The value, {@link #UNSET}, or a {@link Failure}. */
  Object value = UNSET;
  /**
   * The session ({@link Evaluation#session}) in which the function last ran. A node that failed in the current
   * session is not run again in it; a node that ran in the graph's latest session is drawn as "ran in the last get".
   */
  Object ranIn;
  /** The revision at which the value last changed. */
  long changedAt;
  /** The value is current as of this revision. */
  volatile long verifiedAt;
  /** The computation that has claimed this node, or null. */
  volatile Computation inflight;

  AbstractNode(Graph graph) {
    this.id = graph.nextNodeId();
  }

  /** Static dependencies: the call's arguments, of which the nodes count. */
  abstract Object[] arguments();

  /** Dynamic dependencies recorded on the last run, or null. */
  abstract AbstractNode<?>[] reads();

  boolean claim(Computation c) {
    return INFLIGHT.compareAndSet(this, null, c);
  }

  boolean isCurrent(long revision) {
    return verifiedAt >= revision;
  }

  @Override
  public T get() {
    Computation reader = Computation.current();
    if (reader != null) {
      return reader.read(this);
    }
    return Evaluation.evaluate(this);
  }

  @Override
  public T get(Duration timeout) throws TimeoutException {
    long nanos = timeout.toNanos();
    if (nanos <= 0) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    Computation reader = Computation.current();
    if (reader != null) {
      return reader.read(this);
    }
    return Evaluation.evaluateWithin(this, nanos);
  }

  @Override
  public CompletableFuture<T> getAsync() {
    return Evaluation.evaluateAsync(this);
  }

  @Override
  public List<Node<?>> dependencies() {
    // Identity set: a fan-in node may have tens of thousands of arguments.
    java.util.Set<Node<?>> out = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    java.util.List<Node<?>> ordered = new java.util.ArrayList<>();
    for (Object a : arguments()) {
      if (a instanceof AbstractNode<?> n && out.add(n)) {
        ordered.add(n);
      }
    }
    AbstractNode<?>[] r = reads();
    if (r != null) {
      for (AbstractNode<?> n : r) {
        if (out.add(n)) {
          ordered.add(n);
        }
      }
    }
    return List.copyOf(ordered);
  }

  @Override
  public GraphSnapshot controlFlow() {
    return Snapshots.controlFlow(this);
  }

  /** The current value, or throws its cached failure. Only valid after the node was verified. */
  @SuppressWarnings("unchecked")
  T valueOrThrow() {
    Object v = value;
    if (v instanceof Failure f) {
      throw new EvaluationException(name(), f.report(name(), List.of(name())));
    }
    return (T) v;
  }

  @Override
  public String toString() {
    return name();
  }
}
