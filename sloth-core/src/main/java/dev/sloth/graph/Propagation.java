package dev.sloth.graph;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * Marks everything a change can reach dirty: from the changed sources, through the recorded dependents, raising each
 * node's {@code dirtyAt} to the change's revision. Iterative (any depth), and every node is visited once per change
 * (an identity set, so that even dependents recorded around a cycle terminate). The whole cone is walked even
 * through nodes already dirty: another change may be marking the same nodes at the same time (graphs change
 * independently), and a change's revision is published only after its own marking reached every node it affects.
 */
final class Propagation {
  private final ArrayDeque<AbstractNode<?>> todo = new ArrayDeque<>();
  private final Set<AbstractNode<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
  /** Observed nodes the change reached, to refresh at its revision ({@link #notifyObservers}). */
  private java.util.List<Observation> observed;
  /** The revision of the change being marked (one per propagation). */
  private long revision;

  void mark(AbstractNode<?> n, long revision) {
    if (seen.add(n)) {
      n.raiseDirty(revision);
      todo.push(n);
      Observation[] o = n.observations();
      if (o != null) {
        if (observed == null) {
          observed = new java.util.ArrayList<>();
        }
        java.util.Collections.addAll(observed, o);
      }
    }
  }

  /**
   * Refreshes the observations the change reached. Each refresh waits until the change's revision is published, so
   * this may be called before (see {@link Observation}'s class comment).
   */
  void notifyObservers() {
    if (observed != null) {
      for (Observation o : observed) {
        o.changed(revision);
      }
    }
  }

  /**
   * Marks {@code n} and its dependents, transitively: for a node that recorded a dependency which a change had
   * already passed (see {@link AbstractNode#addDependent}), so that the change still reaches whatever depends on it.
   */
  void runFrom(AbstractNode<?> n, long revision) {
    this.revision = revision;
    mark(n, revision);
    for (AbstractNode<?> x; (x = todo.poll()) != null; ) {
      x.markDependents(revision, this);
    }
    notifyObservers(); // the change may still be marking, its revision unpublished: the refreshes wait for it
  }

  /** Marks the dependents of {@code changed}, transitively. */
  void run(AbstractNode<?> changed, long revision) {
    this.revision = revision;
    seen.add(changed);
    Observation[] o = changed.observations();
    if (o != null) {
      if (observed == null) {
        observed = new java.util.ArrayList<>();
      }
      java.util.Collections.addAll(observed, o); // an update runs one marking per changed source: keep them all
    }
    changed.markDependents(revision, this);
    for (AbstractNode<?> n; (n = todo.poll()) != null; ) {
      n.markDependents(revision, this);
    }
  }
}
