package dev.sloth.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cycle detection for reads that must wait. Only a dynamic read (a node's function calling {@code get()} on a node
 * that is not current) can wait for something that waits for it, so only such reads are checked; the check is the
 * slow path, taken under one global lock.
 *
 * <p>The wait-for graph has two kinds of edges: a blocked computation waits for the node it reads ({@link
 * Computation#blockedOn}, written only under the lock), and a node that is not current and not claimed waits for its
 * stale static arguments. A claimed node waits for whatever its computation is blocked on, and for nothing if it is
 * running. Before blocking, a reader searches this graph from the node it wants; reaching its own claim means the
 * read would wait for itself: a cycle, reported instead of waited on.
 *
 * <p>Why one check suffices, also across threads: every cycle is closed by some blocking read, and that read's search
 * sees all the other edges. Blocked-on edges cannot change during the search (the lock); a static edge to a node
 * that is not current cannot disappear while the cycle holds, because nothing downstream of a claimed,
 * unfinished node can become current. Two threads closing a cycle from both ends are serialised by the lock: the
 * second one finds the cycle.
 */
final class WaitGraph {
  private static final ReentrantLock LOCK = new ReentrantLock();

  private WaitGraph() {}

  /** Records that {@code waiter} waits for {@code target}, or throws if that would close a cycle. */
  static void block(Computation waiter, AbstractNode<?> target) {
    LOCK.lock();
    try {
      List<String> cycle = searchFor(waiter, target);
      if (cycle != null) {
        throw new CycleException(cycle);
      }
      waiter.blockedOn = target;
    } finally {
      LOCK.unlock();
    }
  }

  static void unblock(Computation waiter) {
    LOCK.lock();
    try {
      waiter.blockedOn = null;
    } finally {
      LOCK.unlock();
    }
  }

  /** A path from waiter's node through target back to waiter's node, or null. */
  private static List<String> searchFor(Computation waiter, AbstractNode<?> target) {
    Map<AbstractNode<?>, AbstractNode<?>> parent = new IdentityHashMap<>();
    ArrayDeque<AbstractNode<?>> todo = new ArrayDeque<>();
    parent.put(target, target);
    todo.push(target);
    while (!todo.isEmpty()) {
      AbstractNode<?> n = todo.pop();
      Computation claim = n.inflight;
      if (claim == waiter) {
        return path(waiter.node, target, n, parent);
      }
      if (claim != null) {
        AbstractNode<?> next = claim.blockedOn;
        if (next != null && !parent.containsKey(next)) {
          parent.put(next, n);
          todo.push(next);
        }
        continue;
      }
      if (n.isCurrent(n.graph().revision())) {
        continue;
      }
      for (Object a : n.arguments()) {
        if (a instanceof AbstractNode<?> d && !parent.containsKey(d)) {
          parent.put(d, n);
          todo.push(d);
        }
      }
    }
    return null;
  }

  private static List<String> path(AbstractNode<?> start, AbstractNode<?> target, AbstractNode<?> end,
      Map<AbstractNode<?>, AbstractNode<?>> parent) {
    List<String> back = new ArrayList<>();
    for (AbstractNode<?> n = end; ; n = parent.get(n)) {
      back.add(n.name());
      if (n == target) {
        break;
      }
    }
    back.add(start.name()); // end is start's own node: the path closes on itself
    Collections.reverse(back);
    return back;
  }
}
