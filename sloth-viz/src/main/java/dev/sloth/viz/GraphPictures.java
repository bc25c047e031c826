package dev.sloth.viz;

import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.GraphSnapshot.Edge;
import dev.sloth.graph.GraphSnapshot.Kind;
import dev.sloth.graph.GraphSnapshot.NodeInfo;
import dev.sloth.graph.NodeState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a {@link GraphSnapshot} into a {@link Picture}: what each node looks like, the group it joins when the
 * picture is collapsed, and the legend. The cap, the DOT text and the rendering are shared with {@link
 * ModulePictures}, which does the same for lazy-module registries.
 *
 * <p>Fill by {@link NodeState}, sources as ellipses, an orange border for "ran in the last get", dashed arrows for
 * dependencies discovered by reading; collapsed by function, kind, state and "ran".
 */
final class GraphPictures {
  private static final List<Picture.Legend> GRAPH_LEGEND = List.of(
      new Picture.Legend("ran in last get", new Picture.Look(DotWriter.VALID, false, DotWriter.RAN)),
      Picture.stateLegend("failed", DotWriter.FAILED), Picture.stateLegend("running", DotWriter.RUNNING),
      Picture.stateLegend("new", DotWriter.NEW), Picture.stateLegend("stale", DotWriter.STALE),
      Picture.stateLegend("valid", DotWriter.VALID));

  private GraphPictures() {}

  private record NodeGroup(String function, Kind kind, NodeState state, boolean ran) {}

  static Picture of(GraphSnapshot s, int maxBoxes) {
    Map<Long, Integer> index = new HashMap<>();
    List<Picture.Item> items = new ArrayList<>(s.nodes().size());
    for (NodeInfo n : s.nodes()) {
      index.put(n.id(), items.size());
      String label = n.value() == null ? n.name() : n.name() + "\n= " + n.value();
      Picture.Look look = new Picture.Look(fill(n.state()), n.kind() == Kind.SOURCE, n.ranInLastGet() ? DotWriter.RAN
          : null);
      items.add(new Picture.Item(n.name(), label, tooltip(n), look, null,
          new NodeGroup(n.function(), n.kind(), n.state(), n.ranInLastGet()), n.function()));
    }
    List<Picture.Link> links = new ArrayList<>(s.edges().size());
    for (Edge e : s.edges()) {
      Integer from = index.get(e.from());
      Integer to = index.get(e.to());
      if (from != null && to != null) {
        links.add(new Picture.Link(from, to, e.dynamic()));
      }
    }
    return Picture.of(items, links, maxBoxes, "nodes", "function and state", GRAPH_LEGEND);
  }

  static String fill(NodeState state) {
    return switch (state) {
      case VALID -> DotWriter.VALID;
      case NEW -> DotWriter.NEW;
      case STALE -> DotWriter.STALE;
      case RUNNING -> DotWriter.RUNNING;
      case FAILED -> DotWriter.FAILED;
    };
  }

  private static String tooltip(NodeInfo n) {
    return n.kind().name().toLowerCase(Locale.ROOT) + " " + n.function() + ", " + Picture.lower(n.state())
        + (n.ranInLastGet() ? ", ran in the last get" : "");
  }
}
