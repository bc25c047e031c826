package dev.sloth.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cycle detection for reads that must wait. Only a dynamic read (a node's function calling {@code get()} on a node
 * that is not current) can wait for something that waits for it, so only such reads are checked. There is no lock:
 * nodes of every graph take part (a function may read another graph's nodes), and a lock shared by all of them
 * could be left held by a thread that overflowed its stack.
 *
 * <p>The wait-for graph has two kinds of edges: a blocked computation waits for the nodes it reads ({@link
 * Computation#blockedOn}), and a node that is not current and not claimed waits for its stale static arguments. A
 * claimed node waits for whatever its computation is blocked on, and for nothing if it is running. Before blocking,
 * a reader <em>first publishes its own edge</em> (a volatile write) and then searches this graph from the node it
 * wants; reaching its own claim means the read would wait for itself: a cycle, reported instead of waited on (and
 * its edge withdrawn, in a {@code finally} that only writes a field).
 *
 * <p>Why one check suffices, also across threads: every cycle is closed by some blocking read. Of the reads whose
 * edges form a cycle, consider the one that published its edge last: its search starts after every other edge of
 * the cycle was published (volatile writes and reads are totally ordered), so it sees them all. A static edge to a
 * node that is not current cannot disappear while the cycle holds, because nothing downstream of a claimed,
 * unfinished node can become current. Two threads closing a cycle from both ends may both see it; both are then
 * told, which is right: neither read could ever complete.
 */
final class WaitGraph {
  private WaitGraph() {}

  /** Records that {@code waiter} waits for {@code targets}, or throws if that would close a cycle. */
  static void block(Computation waiter, AbstractNode<?>[] targets) {
    waiter.blockedOn = targets[0];
    waiter.blockedOnMore = targets.length > 1 ? targets : null;
    boolean waiting = false;
    try {
      for (AbstractNode<?> target : targets) {
        List<String> cycle = searchFor(waiter, target);
        if (cycle != null) {
          throw new CycleException(cycle);
        }
      }
      waiting = true;
    } finally {
      if (!waiting) {
        waiter.blockedOn = null;
        waiter.blockedOnMore = null;
      }
    }
  }

  static void unblock(Computation waiter) {
    waiter.blockedOn = null;
    waiter.blockedOnMore = null;
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
        AbstractNode<?>[] more = claim.blockedOnMore;
        if (more != null) {
          for (AbstractNode<?> next : more) {
            if (!parent.containsKey(next)) {
              parent.put(next, n);
              todo.push(next);
            }
          }
        } else {
          AbstractNode<?> next = claim.blockedOn;
          if (next != null && !parent.containsKey(next)) {
            parent.put(next, n);
            todo.push(next);
          }
        }
        continue;
      }
      if (n.usableAt(Revisions.published()) != AbstractNode.NOT_CURRENT) {
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
