package dev.sloth.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One claim on a node: created by the evaluation that brings the node up to date, installed in the node's {@code
 * inflight} by compare-and-set (so exactly one computation per node at a time), and completed when released, which
 * wakes the evaluations that found the node claimed. While the node's function runs, the computation is the
 * thread's {@linkplain #current() current} one: reads of other nodes are recorded as dynamic dependencies, and a read
 * that must wait is checked for cycles first ({@link WaitGraph}).
 */
final class Computation extends CompletableFuture<Void> {
  private static final ThreadLocal<Computation> CURRENT = new ThreadLocal<>();

  final AbstractNode<?> node;
  /** The revision of the evaluation that made this claim. */
  final long revision;
  /** The session of the evaluation that made this claim, see {@link Evaluation#session}. */
  final Object session;
  /** The node this computation's thread is waiting for, if any; guarded by {@link WaitGraph}'s lock. */
  volatile AbstractNode<?> blockedOn;
  /**
   * How the run under this claim failed, if it did (its own function threw, or a node it read failed): evaluations
   * waiting on the claim report this instead of running the function again.
   */
  volatile Failure failure;

  private List<AbstractNode<?>> reads; // made on the first read: most functions read nothing
  private Set<AbstractNode<?>> readSet;
  private List<EvaluationException> readFailures;

  Computation(AbstractNode<?> node, long revision, Object session) {
    this.node = node;
    this.revision = revision;
    this.session = session;
  }

  /** The computation whose function is running on this thread, or null outside functions. */
  static Computation current() {
    return CURRENT.get();
  }

  /** Makes this the thread's current computation; returns the previous one, to give to {@link #exit}. */
  Computation enter() {
    Computation outer = CURRENT.get();
    CURRENT.set(this);
    return outer;
  }

  void exit(Computation outer) {
    CURRENT.set(outer);
  }

  /** Releases the claim and wakes whoever waits for it. */
  void release() {
    node.inflight = null;
    complete(null);
  }

  /** A read of {@code n} by this computation's function: records the dependency, brings n up to date, returns it. */
  <T> T read(AbstractNode<T> n) {
    if (n.graph() != node.graph()) {
      throw new IllegalArgumentException("'" + node.name() + "' read node '" + n.name() + "' of another graph; "
          + "nodes can only depend on nodes of their own graph");
    }
    record(n);
    try {
      if (n.value instanceof Failure && n.ranIn == session) {
        return n.valueOrThrow(); // failed earlier in this same get(): report, do not run again
      }
      if (!n.isCurrent(n.graph().revision())) {
        Evaluation.ensure(n, this);
      }
      return n.valueOrThrow();
    } catch (EvaluationException failed) {
      if (readFailures == null) {
        readFailures = new ArrayList<>(2);
      }
      readFailures.add(failed);
      throw failed;
    }
  }

  boolean isReadFailure(EvaluationException x) {
    if (readFailures != null) {
      for (EvaluationException f : readFailures) {
        if (f == x) {
          return true;
        }
      }
    }
    return false;
  }

  private void record(AbstractNode<?> n) {
    if (reads == null) {
      reads = new ArrayList<>(4);
    }
    if (readSet != null) {
      if (readSet.add(n)) {
        reads.add(n);
      }
      return;
    }
    for (int i = 0, size = reads.size(); i < size; i++) {
      if (reads.get(i) == n) {
        return;
      }
    }
    reads.add(n);
    if (reads.size() > 16) {
      readSet = Collections.newSetFromMap(new IdentityHashMap<>());
      readSet.addAll(reads);
    }
  }

  /** The recorded reads, in order, or null if the function read nothing. */
  AbstractNode<?>[] readsArray() {
    return reads == null ? null : reads.toArray(new AbstractNode<?>[0]);
  }

  @Override
  public String toString() {
    return "Computation[" + node.name() + "]";
  }
}
