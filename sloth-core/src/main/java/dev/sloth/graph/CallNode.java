package dev.sloth.graph;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * A recorded call of a wrapped function (or a {@link Graph#computed} body): its arguments are its static
 * dependencies, and the nodes its function read on the last run are its dynamic ones. {@link #step} is the whole
 * per-node algorithm: claim, verify, run if stale, publish, release.
 */
final class CallNode<T> extends AbstractNode<T> {
  final WrappedFunction fn;
  private final Object[] args;
  private final int sequence;
  /** Nodes read on the last run (dynamic dependencies), in read order; null if none. Written under the claim. */
  private AbstractNode<?>[] reads;

  /** Where the function runs, if the user chose (see {@link Node#executor}); null for the graph's choice. */
  private volatile java.util.concurrent.Executor executor;

  CallNode(WrappedFunction fn, Object[] args) {
    super(fn.graph);
    this.fn = fn;
    this.args = args;
    this.sequence = fn.computed ? 0 : fn.nextSequence();
  }

  @Override
  public Node<T> executor(java.util.concurrent.Executor executor) {
    this.executor = java.util.Objects.requireNonNull(executor, () -> "the executor given for '" + name() + "' is null");
    return this;
  }

  /** Whether this node is a constant now, see {@link #freeze()}. */
  boolean isFrozen() {
    return verifiedAt == Long.MAX_VALUE;
  }

  /**
   * Whether this node was evaluated successfully from constants alone (plain values and frozen nodes, no reads):
   * then its value can never change.
   */
  boolean canFreeze() {
    if (reads != null || inflight != null || value == UNSET || value instanceof Failure || isFrozen()) {
      return false;
    }
    for (Object a : args) {
      if (a instanceof AbstractNode<?> d && !(d instanceof CallNode<?> c && c.isFrozen())) {
        return false;
      }
    }
    return true;
  }

  /** Replaces node arguments by their values and makes this node current forever. */
  void freeze() {
    for (int i = 0; i < args.length; i++) {
      if (args[i] instanceof AbstractNode<?> d) {
        args[i] = d.value;
      }
    }
    verifiedAt = Long.MAX_VALUE;
  }

  @Override
  Object[] arguments() {
    return args;
  }

  @Override
  AbstractNode<?>[] reads() {
    return reads;
  }

  @Override
  public String name() {
    return fn.computed ? fn.name : fn.name + "#" + sequence;
  }

  @Override
  public Graph graph() {
    return fn.graph;
  }

  /**
   * Brings this node up to date for {@code ev}, as plan entry {@code e}. Returns the next entry the caller should
   * run on this thread, or null when there is none or the work continues elsewhere (another evaluation holds the
   * claim, or the function runs on a virtual thread).
   */
  Evaluation.Entry step(Evaluation ev, Evaluation.Entry e) {
    long rev = ev.revision;
    if (verifiedAt >= rev || failedEarlierIn(ev)) {
      return ev.settled(e, this);
    }
    Computation c = new Computation(this, rev, ev.session);
    while (!claim(c)) {
      Computation other = inflight;
      if (other != null) {
        ev.awaitOther(e, other);
        return null;
      }
    }
    if (verifiedAt >= rev || failedEarlierIn(ev)) { // settled by another evaluation since our check
      c.release();
      return ev.settled(e, this);
    }
    boolean stale = value == UNSET || value instanceof Failure;
    for (Object a : args) {
      if (a instanceof AbstractNode<?> d) {
        if (d.value instanceof Failure f) {
          c.release();
          return ev.dependencyFailed(e, d, f);
        }
        stale |= d.changedAt > verifiedAt;
      }
    }
    if (!stale && reads != null) {
      stale = dynamicDependencyChanged(c);
    }
    if (!stale) {
      verifiedAt = rev;
      c.release();
      ev.graph.events().cacheHit(this);
      return ev.resolve(e, true);
    }
    Object[] values = argumentValues(ev, e, c);
    if (values == null) {
      return ev.resolve(e, false);
    }
    java.util.concurrent.Executor where = executor;
    if (where == null && fn.options.isBlocking() && ev.parallel) {
      where = Pools.VIRTUAL;
    }
    if (where != null) {
      try {
        where.execute(() -> ev.continueWith(finish(ev, e, c, values)));
      } catch (RuntimeException rejected) {
        return publish(ev, e, c, null, new IllegalStateException("the executor of '" + name() + "' rejected it",
            rejected), null, System.nanoTime());
      }
      return null;
    }
    return finish(ev, e, c, values);
  }

  private boolean failedEarlierIn(Evaluation ev) {
    return ranIn == ev.session && value instanceof Failure;
  }

  /**
   * Re-verifies the nodes read on the last run, in the order they were read, and stops at the first that changed:
   * a later one may not be read at all any more (a conditional read), so it must not be computed.
   */
  private boolean dynamicDependencyChanged(Computation c) {
    for (AbstractNode<?> d : reads) {
      try {
        Evaluation.ensure(d, c);
      } catch (RuntimeException failedOrCycle) {
        return true; // rerun: the function's own read reports the failure with its path
      }
      if (d.value instanceof Failure || d.changedAt > verifiedAt) {
        return true;
      }
    }
    return false;
  }

  private Object[] argumentValues(Evaluation ev, Evaluation.Entry e, Computation c) {
    Object[] values = args.clone();
    for (int i = 0; i < values.length; i++) {
      if (values[i] instanceof AbstractNode<?> d) {
        Object v = d.value;
        if (fn.argType != null && v != null && !fn.argType.isInstance(v)) {
          return failBeforeRunning(ev, e, c, new IllegalArgumentException("argument " + (i + 1) + " of '" + name()
              + "' is node '" + d.name() + "', which produced a " + v.getClass().getName() + " (" + v
              + "), expected a " + fn.argType.getName()));
        }
        values[i] = v;
      }
    }
    int mutated = fn.options.mutatedArgument();
    if (mutated >= 0) {
      if (mutated >= values.length) {
        return failBeforeRunning(ev, e, c, new IllegalArgumentException("'" + name() + "' is declared to mutate "
            + "argument " + mutated + " (0-based) but has only " + values.length + " arguments"));
      }
      try {
        values[mutated] = fn.options.copier().copy(values[mutated]);
      } catch (RuntimeException noCopy) {
        return failBeforeRunning(ev, e, c, new IllegalArgumentException("'" + name() + "' mutates argument "
            + mutated + " in place, and copying it failed: " + noCopy.getMessage(), noCopy));
      }
    }
    return values;
  }

  private Object[] failBeforeRunning(Evaluation ev, Evaluation.Entry e, Computation c, Throwable why) {
    Failure failure = new Failure(why, false);
    value = failure;
    ranIn = ev.session;
    changedAt = ev.revision;
    c.failure = failure;
    c.release();
    ev.report(e, failure);
    return null;
  }

  /**
   * Runs the function with {@code c} as the current computation and publishes the outcome; for an asynchronous
   * function, publishes when its future completes (holding the claim until then, with no thread waiting).
   */
  private Evaluation.Entry finish(Evaluation ev, Evaluation.Entry e, Computation c, Object[] values) {
    Object result;
    Throwable thrown = null;
    Computation outer = c.enter();
    Object jfr = Jfr.begin();
    ev.graph.events().nodeStarted(this);
    long started = System.nanoTime();
    try {
      result = fn.invoker.invoke(values);
    } catch (Throwable t) {
      result = null;
      thrown = t;
    } finally {
      c.exit(outer);
    }
    reads = c.readsArray();
    if (fn.async && thrown == null) {
      if (!(result instanceof java.util.concurrent.CompletionStage<?> stage)) {
        thrown = new IllegalStateException("asynchronous function '" + fn.name + "' returned " + result
            + " instead of a CompletableFuture");
      } else {
        stage.whenComplete((v, t) -> ev.continueWith(publish(ev, e, c, v, unwrap(t), jfr, started)));
        return null;
      }
    }
    return publish(ev, e, c, result, thrown, jfr, started);
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof java.util.concurrent.CompletionException
        || t instanceof java.util.concurrent.ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Stores the outcome of a run, releases the claim, reports it, and resolves the entry. */
  private Evaluation.Entry publish(Evaluation ev, Evaluation.Entry e, Computation c, Object result,
      Throwable thrown, Object jfr, long started) {
    long rev = ev.revision;
    ranIn = ev.session;
    if (thrown != null) {
      boolean ofRead = thrown instanceof EvaluationException x && c.isReadFailure(x);
      Failure failure = new Failure(thrown, ofRead); // a failed read is reported as the read node's failure
      value = failure;
      changedAt = rev;
      if (fn.options.isCachingFailures() && !ofRead) {
        verifiedAt = rev;
      }
      c.failure = failure;
      c.release();
      recordRun(ev, jfr, started, false, thrown);
      return ev.failed(e, failure);
    }
    Object old = value;
    boolean unchanged = old != UNSET && !(old instanceof Failure) && fn.options.unchanged(old, result);
    if (!unchanged) {
      value = result;
      changedAt = rev;
    }
    verifiedAt = rev;
    c.release();
    recordRun(ev, jfr, started, !unchanged, null);
    return ev.resolve(e, true);
  }

  private void recordRun(Evaluation ev, Object jfr, long started, boolean changed, Throwable failure) {
    if (jfr != null) {
      Jfr.end(jfr, name(), fn.name, changed, failure);
    }
    Events events = ev.graph.events();
    if (failure == null) {
      events.nodeFinished(this, System.nanoTime() - started, changed);
    } else {
      events.nodeFailed(this, failure);
    }
  }

  @Override
  public NodeState state() {
    if (inflight != null) {
      return NodeState.RUNNING;
    }
    Object v = value;
    if (v == UNSET) {
      return NodeState.NEW;
    }
    if (v instanceof Failure) {
      return NodeState.FAILED;
    }
    long verified = verifiedAt;
    if (verified >= fn.graph.revision()) {
      return NodeState.VALID;
    }
    return changedSince(verified) ? NodeState.STALE : NodeState.VALID;
  }

  /**
   * Whether anything this node (transitively) depends on changed after {@code revision}: a dependency whose value
   * changed since, or a source changed since below a dependency that has not been re-verified.
   */
  private boolean changedSince(long revision) {
    long now = fn.graph.revision();
    Set<AbstractNode<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<AbstractNode<?>> todo = new ArrayDeque<>();
    todo.push(this);
    while (!todo.isEmpty()) {
      AbstractNode<?> n = todo.pop();
      for (Object a : n.arguments()) {
        if (a instanceof AbstractNode<?> d && seen.add(d)) {
          if (d.changedAt > revision) {
            return true;
          }
          if (!d.isCurrent(now)) {
            todo.push(d);
          }
        }
      }
      AbstractNode<?>[] r = n.reads();
      if (r != null) {
        for (AbstractNode<?> d : r) {
          if (seen.add(d)) {
            if (d.changedAt > revision) {
              return true;
            }
            if (!d.isCurrent(now)) {
              todo.push(d);
            }
          }
        }
      }
    }
    return false;
  }
}
