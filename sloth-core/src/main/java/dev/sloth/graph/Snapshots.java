package dev.sloth.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Builds {@link GraphSnapshot}s. */
final class Snapshots {
  private static final int VALUE_TEXT = 40;

  private Snapshots() {}

  static GraphSnapshot of(Graph g, Collection<AbstractNode<?>> nodes) {
    Object lastSession = g.lastSession();
    Included included = new Included(g, nodes.size());
    for (AbstractNode<?> n : nodes) {
      included.add(n);
    }
    List<GraphSnapshot.NodeInfo> infos = new ArrayList<>(nodes.size());
    List<GraphSnapshot.Edge> edges = new ArrayList<>(nodes.size());
    List<AbstractNode<?>> sorted = byId(nodes);
    List<AbstractNode<?>> seen = new ArrayList<>(); // reused: most nodes have a few dependencies
    Set<AbstractNode<?>> seenMany = Collections.newSetFromMap(new IdentityHashMap<>());
    for (AbstractNode<?> n : sorted) {
      infos.add(info(n, lastSession));
      Object[] args = n.arguments();
      AbstractNode<?>[] reads = n.reads();
      boolean many = args.length + (reads == null ? 0 : reads.length) > 16;
      seen.clear();
      seenMany.clear();
      for (Object a : args) {
        if (a instanceof AbstractNode<?> d && included.contains(d) && firstTime(d, seen, seenMany, many)) {
          edges.add(new GraphSnapshot.Edge(d.id(), n.id(), false));
        }
      }
      if (reads != null) {
        for (AbstractNode<?> d : reads) {
          if (included.contains(d) && firstTime(d, seen, seenMany, many)) {
            edges.add(new GraphSnapshot.Edge(d.id(), n.id(), true));
          }
        }
      }
    }
    return new GraphSnapshot(infos, edges);
  }

  /**
   * The nodes in id order, sorted as primitive keys (the id's offset from the smallest, then the position, in one
   * {@code long}): a comparator sort of a million nodes reads each node's id twenty times over. Falls back to that
   * comparator sort (same order, slower) when the ids are too far apart for the key: more than 2^63 over the number
   * of nodes, such as a million live nodes whose ids span more than 2^43 (an old node kept alive for days in a
   * process making millions of nodes a second).
   */
  private static List<AbstractNode<?>> byId(Collection<AbstractNode<?>> nodes) {
    AbstractNode<?>[] in = nodes.toArray(new AbstractNode<?>[0]);
    List<AbstractNode<?>> out = new ArrayList<>(in.length);
    if (in.length == 0) {
      return out;
    }
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (AbstractNode<?> n : in) {
      min = Math.min(min, n.id());
      max = Math.max(max, n.id());
    }
    int positionBits = 32 - Integer.numberOfLeadingZeros((in.length - 1) | 1);
    if (max - min < 1L << (63 - positionBits)) { // ids are positive: the difference cannot overflow
      long[] keys = new long[in.length];
      for (int i = 0; i < in.length; i++) {
        keys[i] = (in[i].id() - min) << positionBits | i;
      }
      java.util.Arrays.sort(keys);
      long mask = (1L << positionBits) - 1;
      for (long k : keys) {
        out.add(in[(int) (k & mask)]);
      }
    } else {
      java.util.Arrays.sort(in, java.util.Comparator.comparingLong(AbstractNode::id));
      out.addAll(java.util.Arrays.asList(in));
    }
    return out;
  }

  /**
   * The set of nodes a snapshot shows: the ids of the graph's own nodes in an open-addressing table (an identity
   * set would make each node's identity hash, a slow runtime call, on first use), and nodes of other graphs (read
   * across graphs, rare) in an identity set.
   */
  private static final class Included {
    private final Graph graph;
    private final long[] ids;
    private Set<AbstractNode<?>> others;

    Included(Graph graph, int expected) {
      this.graph = graph;
      this.ids = new long[Integer.highestOneBit(Math.max(2, expected) * 3 - 1) * 2];
    }

    void add(AbstractNode<?> n) {
      if (n.graph() != graph) {
        if (others == null) {
          others = Collections.newSetFromMap(new IdentityHashMap<>());
        }
        others.add(n);
        return;
      }
      long id = n.id(); // ids start at 1: 0 marks an empty slot
      int mask = ids.length - 1;
      for (int i = Registry.NodeRef.mix(id) & mask; ; i = (i + 1) & mask) {
        if (ids[i] == 0) {
          ids[i] = id;
          return;
        }
        if (ids[i] == id) {
          return;
        }
      }
    }

    boolean contains(AbstractNode<?> n) {
      if (n.graph() != graph) {
        return others != null && others.contains(n);
      }
      long id = n.id();
      int mask = ids.length - 1;
      for (int i = Registry.NodeRef.mix(id) & mask; ; i = (i + 1) & mask) {
        if (ids[i] == id) {
          return true;
        }
        if (ids[i] == 0) {
          return false;
        }
      }
    }
  }

  private static boolean firstTime(AbstractNode<?> d, List<AbstractNode<?>> seen, Set<AbstractNode<?>> seenMany,
      boolean many) {
    if (many) {
      return seenMany.add(d);
    }
    for (AbstractNode<?> x : seen) {
      if (x == d) {
        return false;
      }
    }
    seen.add(d);
    return true;
  }

  /** The nodes that must be checked or run to produce {@code root}: root and its ancestors that are not valid. */
  static GraphSnapshot controlFlow(AbstractNode<?> root) {
    Set<AbstractNode<?>> toRun = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<AbstractNode<?>> todo = new ArrayDeque<>();
    todo.push(root);
    toRun.add(root);
    while (!todo.isEmpty()) {
      AbstractNode<?> n = todo.pop();
      List<AbstractNode<?>> deps = new ArrayList<>();
      for (Object a : n.arguments()) {
        if (a instanceof AbstractNode<?> d) {
          deps.add(d);
        }
      }
      AbstractNode<?>[] reads = n.reads();
      if (reads != null) {
        Collections.addAll(deps, reads);
      }
      for (AbstractNode<?> d : deps) {
        if (d.state() != NodeState.VALID && toRun.add(d)) {
          todo.push(d);
        }
      }
    }
    return of(root.graph(), toRun);
  }

  private static GraphSnapshot.NodeInfo info(AbstractNode<?> n, Object lastSession) {
    GraphSnapshot.Kind kind;
    String function;
    if (n instanceof CallNode<?> c) {
      kind = c.fn.computed ? GraphSnapshot.Kind.COMPUTED : GraphSnapshot.Kind.CALL;
      function = c.fn.name;
    } else {
      kind = GraphSnapshot.Kind.SOURCE;
      function = n.name();
    }
    Object v = n.value;
    String text = v == AbstractNode.UNSET ? null
        : v instanceof Failure f ? ValueText.ofThrowable(f.cause()) : ValueText.of(v); // user code: never throws
    if (text != null && text.length() > VALUE_TEXT) {
      text = ValueText.cut(text, VALUE_TEXT - 3) + "...";
    }
    boolean ran = lastSession != null && n.ranIn == lastSession;
    return new GraphSnapshot.NodeInfo(n.id(), n.name(), function, kind, n.state(), ran, text);
  }
}
