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
  /** Observed nodes the change reached, to refresh once its revision is published ({@link #notifyObservers}). */
  private java.util.List<Observation> observed;

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

  /** Refreshes the observations the change reached; call after its revision is published. */
  void notifyObservers() {
    if (observed != null) {
      for (Observation o : observed) {
        o.changed();
      }
    }
  }

  /**
   * Marks {@code n} and its dependents, transitively: for a node that recorded a dependency which a change had
   * already passed (see {@link AbstractNode#addDependent}), so that the change still reaches whatever depends on it.
   */
  void runFrom(AbstractNode<?> n, long revision) {
    mark(n, revision);
    for (AbstractNode<?> x; (x = todo.poll()) != null; ) {
      x.markDependents(revision, this);
    }
    notifyObservers(); // that change is published already
  }

  /** Marks the dependents of {@code changed}, transitively. */
  void run(AbstractNode<?> changed, long revision) {
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
