package dev.sloth.viz;

import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.GraphSnapshot.Edge;
import dev.sloth.graph.GraphSnapshot.Kind;
import dev.sloth.graph.GraphSnapshot.NodeInfo;
import dev.sloth.graph.NodeState;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a drawing shows: boxes (one per node, or one per group of nodes) and arrows between them, within a cap on the
 * number of boxes so that Graphviz always finishes quickly.
 *
 * <p><b>The cap.</b> A snapshot with at most {@code maxBoxes} nodes is drawn node for node. A bigger one is first
 * <em>collapsed</em>: nodes of the same function, kind, state and "ran in the last get" become one box labelled
 * with their count, so colours stay true; arrows between groups are merged and labelled with their count. Graphs
 * made of many calls of a few functions (the usual case) shrink to a handful of boxes. If there are still more than
 * {@code maxBoxes} groups (thousands of distinct computed nodes), the drawing keeps the {@code maxBoxes} groups
 * nearest the results: a breadth-first walk backwards from the boxes nothing depends on (the values asked for, and
 * the root of a control-flow snapshot). The title says what was collapsed or left out.
 */
record Picture(List<Box> boxes, List<Arrow> arrows, int nodesTotal, String reduction) {

  /** One drawn box: a node ({@code count == 1}) or a group of nodes. */
  record Box(int index, String label, String tooltip, Kind kind, NodeState state, boolean ran, int count) {}

  /** An arrow from the box depended on to the box that depends on it, standing for {@code count} edges. */
  record Arrow(int from, int to, boolean dynamic, int count) {}

  static Picture of(GraphSnapshot s, int maxBoxes) {
    List<NodeInfo> nodes = s.nodes();
    if (nodes.size() <= maxBoxes) {
      return nodeForNode(s);
    }
    Picture collapsed = collapsed(s);
    if (collapsed.boxes.size() <= maxBoxes) {
      return collapsed;
    }
    return nearestResults(collapsed, maxBoxes);
  }

  private static Picture nodeForNode(GraphSnapshot s) {
    Map<Integer, Integer> index = new HashMap<>();
    List<Box> boxes = new ArrayList<>();
    for (NodeInfo n : s.nodes()) {
      index.put(n.id(), boxes.size());
      String label = n.value() == null ? n.name() : n.name() + "\n= " + n.value();
      boxes.add(new Box(boxes.size(), label, tooltip(n), n.kind(), n.state(), n.ranInLastGet(), 1));
    }
    List<Arrow> arrows = new ArrayList<>();
    for (Edge e : s.edges()) {
      Integer from = index.get(e.from());
      Integer to = index.get(e.to());
      if (from != null && to != null) {
        arrows.add(new Arrow(from, to, e.dynamic(), 1));
      }
    }
    return new Picture(boxes, arrows, s.nodes().size(), "");
  }

  private static String tooltip(NodeInfo n) {
    return n.kind().name().toLowerCase(Locale.ROOT) + " " + n.function() + ", " + n.state().name().toLowerCase(
        Locale.ROOT) + (n.ranInLastGet() ? ", ran in the last get" : "");
  }

  private record GroupKey(String function, Kind kind, NodeState state, boolean ran) {}

  private record ArrowKey(int from, int to, boolean dynamic) {}

  private static Picture collapsed(GraphSnapshot s) {
    Map<GroupKey, List<NodeInfo>> groups = new LinkedHashMap<>();
    for (NodeInfo n : s.nodes()) {
      groups.computeIfAbsent(new GroupKey(n.function(), n.kind(), n.state(), n.ranInLastGet()),
          k -> new ArrayList<>()).add(n);
    }
    Map<Integer, Integer> boxOfNode = new HashMap<>();
    List<Box> boxes = new ArrayList<>();
    for (Map.Entry<GroupKey, List<NodeInfo>> g : groups.entrySet()) {
      List<NodeInfo> members = g.getValue();
      NodeInfo first = members.get(0);
      int count = members.size();
      String label = count == 1 ? first.name() : first.function() + "\n\u00d7" + String.format(Locale.ROOT, "%,d", count);
      String tip = count == 1 ? tooltip(first) : count + " nodes: " + tooltip(first) + "; first " + first.name();
      for (NodeInfo n : members) {
        boxOfNode.put(n.id(), boxes.size());
      }
      boxes.add(new Box(boxes.size(), label, tip, first.kind(), first.state(), first.ranInLastGet(), count));
    }
    Map<ArrowKey, Integer> merged = new LinkedHashMap<>();
    for (Edge e : s.edges()) {
      Integer from = boxOfNode.get(e.from());
      Integer to = boxOfNode.get(e.to());
      if (from != null && to != null) {
        merged.merge(new ArrowKey(from, to, e.dynamic()), 1, Integer::sum);
      }
    }
    List<Arrow> arrows = new ArrayList<>();
    merged.forEach((k, count) -> arrows.add(new Arrow(k.from, k.to, k.dynamic, count)));
    String note = String.format(Locale.ROOT, "%,d nodes collapsed into %,d groups of the same function and state",
        s.nodes().size(), boxes.size());
    return new Picture(boxes, arrows, s.nodes().size(), note);
  }

  private static Picture nearestResults(Picture p, int maxBoxes) {
    int n = p.boxes.size();
    List<List<Integer>> dependencies = new ArrayList<>(n);
    boolean[] hasDependent = new boolean[n];
    for (int i = 0; i < n; i++) {
      dependencies.add(new ArrayList<>());
    }
    for (Arrow a : p.arrows) {
      if (a.from != a.to) {
        dependencies.get(a.to).add(a.from);
        hasDependent[a.from] = true;
      }
    }
    BitSet kept = new BitSet(n);
    int keptCount = 0;
    ArrayDeque<Integer> todo = new ArrayDeque<>();
    for (int i = n - 1; i >= 0 && keptCount < maxBoxes; i--) { // newest results first
      if (!hasDependent[i]) {
        kept.set(i);
        keptCount++;
        todo.add(i);
      }
    }
    while (!todo.isEmpty() && keptCount < maxBoxes) {
      for (int d : dependencies.get(todo.poll())) {
        if (!kept.get(d) && keptCount < maxBoxes) {
          kept.set(d);
          keptCount++;
          todo.add(d);
        }
      }
    }
    for (int i = n - 1; i >= 0 && keptCount < maxBoxes; i--) { // boxes only on cycles: fill up, newest first
      if (!kept.get(i)) {
        kept.set(i);
        keptCount++;
      }
    }
    int[] newIndex = new int[n];
    List<Box> boxes = new ArrayList<>();
    int hiddenNodes = 0;
    for (Box b : p.boxes) {
      if (kept.get(b.index)) {
        newIndex[b.index] = boxes.size();
        boxes.add(new Box(boxes.size(), b.label, b.tooltip, b.kind, b.state, b.ran, b.count));
      } else {
        hiddenNodes += b.count;
      }
    }
    List<Arrow> arrows = new ArrayList<>();
    for (Arrow a : p.arrows) {
      if (kept.get(a.from) && kept.get(a.to)) {
        arrows.add(new Arrow(newIndex[a.from], newIndex[a.to], a.dynamic, a.count));
      }
    }
    String note = p.reduction + String.format(Locale.ROOT,
        "; only the %,d groups nearest the results are drawn, %,d nodes left out", boxes.size(), hiddenNodes);
    return new Picture(boxes, arrows, p.nodesTotal, note);
  }
}
