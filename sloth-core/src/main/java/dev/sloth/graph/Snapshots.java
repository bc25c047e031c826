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
    Set<AbstractNode<?>> included = Collections.newSetFromMap(new IdentityHashMap<>());
    included.addAll(nodes);
    List<GraphSnapshot.NodeInfo> infos = new ArrayList<>();
    List<GraphSnapshot.Edge> edges = new ArrayList<>();
    List<AbstractNode<?>> sorted = new ArrayList<>(nodes);
    sorted.sort((a, b) -> Integer.compare(a.id(), b.id()));
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
        : v instanceof Failure f ? f.cause().toString() : String.valueOf(v);
    if (text != null && text.length() > VALUE_TEXT) {
      text = text.substring(0, VALUE_TEXT - 3) + "...";
    }
    boolean ran = lastSession != null && n.ranIn == lastSession;
    return new GraphSnapshot.NodeInfo(n.id(), n.name(), function, kind, n.state(), ran, text);
  }
}
