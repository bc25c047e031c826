package dev.sloth.viz;

import dev.sloth.graph.GraphSnapshot;
import dev.sloth.graph.GraphSnapshot.Edge;
import dev.sloth.graph.GraphSnapshot.Kind;
import dev.sloth.graph.GraphSnapshot.NodeInfo;
import dev.sloth.graph.NodeState;
import dev.sloth.module.BindingState;
import dev.sloth.module.RegistrySnapshot;
import dev.sloth.module.RegistrySnapshot.BindingInfo;
import dev.sloth.module.RegistrySnapshot.Dependency;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the snapshots Sloth can draw into {@link Picture}s: what each node or binding looks like, the group it joins
 * when the picture is collapsed, and the legend. The cap, the DOT text and the rendering are shared.
 *
 * <p>Graph nodes: fill by {@link NodeState}, sources as ellipses, an orange border for "ran in the last get", dashed
 * arrows for dependencies discovered by reading; collapsed by function, kind, state and "ran". Module bindings: fill
 * by {@link BindingState} in the same colours (resolved as valid, pending as new, resolving as running), a purple
 * border for eager bindings, the compute time under the name, each module a framed cluster; collapsed by module,
 * state and eagerness.
 */
final class Pictures {
  private static final List<Picture.Legend> GRAPH_LEGEND = List.of(
      new Picture.Legend("ran in last get", new Picture.Look(DotWriter.VALID, false, DotWriter.RAN)),
      stateLegend("failed", DotWriter.FAILED), stateLegend("running", DotWriter.RUNNING),
      stateLegend("new", DotWriter.NEW), stateLegend("stale", DotWriter.STALE), stateLegend("valid", DotWriter.VALID));

  private static final List<Picture.Legend> MODULE_LEGEND = List.of(
      new Picture.Legend("eager", new Picture.Look(DotWriter.VALID, false, DotWriter.EAGER)),
      stateLegend("failed", DotWriter.FAILED), stateLegend("resolving", DotWriter.RUNNING),
      stateLegend("pending", DotWriter.NEW), stateLegend("resolved", DotWriter.VALID));

  private Pictures() {}

  private static Picture.Legend stateLegend(String text, String fill) {
    return new Picture.Legend(text, new Picture.Look(fill, false, null));
  }

  // ------------------------------------------------------------------------------------------- graph nodes

  private record NodeGroup(String function, Kind kind, NodeState state, boolean ran) {}

  static Picture of(GraphSnapshot s, int maxBoxes) {
    Map<Integer, Integer> index = new HashMap<>();
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
    return n.kind().name().toLowerCase(Locale.ROOT) + " " + n.function() + ", " + lower(n.state())
        + (n.ranInLastGet() ? ", ran in the last get" : "");
  }

  // -------------------------------------------------------------------------------------- module bindings

  private record BindingGroup(String module, BindingState state, boolean eager) {}

  static Picture of(RegistrySnapshot s, int maxBoxes) {
    Map<String, Integer> index = new HashMap<>();
    List<Picture.Item> items = new ArrayList<>(s.bindings().size());
    for (BindingInfo b : s.bindings()) {
      index.putIfAbsent(b.qualifiedName(), items.size());
      String label = b.computeTime() == null ? b.name() : b.name() + "\n" + time(b.computeTime());
      Picture.Look look = new Picture.Look(fill(b.state()), false, b.eager() ? DotWriter.EAGER : null);
      items.add(new Picture.Item(b.name(), label, tooltip(b), look, b.module(),
          new BindingGroup(b.module(), b.state(), b.eager()), lower(b.state()) + (b.eager() ? " eager" : "")));
    }
    List<Picture.Link> links = new ArrayList<>(s.dependencies().size());
    for (Dependency d : s.dependencies()) {
      Integer read = index.get(d.to());
      Integer reader = index.get(d.from());
      if (read != null && reader != null) {
        links.add(new Picture.Link(read, reader, false));
      }
    }
    return Picture.of(items, links, maxBoxes, "bindings", "module and state", MODULE_LEGEND);
  }

  static String fill(BindingState state) {
    return switch (state) {
      case RESOLVED -> DotWriter.VALID;
      case PENDING -> DotWriter.NEW;
      case RESOLVING -> DotWriter.RUNNING;
      case FAILED -> DotWriter.FAILED;
    };
  }

  private static String tooltip(BindingInfo b) {
    StringBuilder t = new StringBuilder(b.qualifiedName()).append(": ").append(b.type()).append(", ")
        .append(lower(b.state()));
    if (b.eager()) {
      t.append(", eager");
    }
    if (b.computeTime() != null) {
      t.append(", computed in ").append(time(b.computeTime()));
      if (b.totalTime() != null) {
        t.append(" (").append(time(b.totalTime())).append(" with its reads)");
      }
    }
    if (b.failure() != null) {
      t.append(", first failure: ").append(b.failure());
    }
    if (b.definedAt() != null) {
      t.append(", bound at ").append(b.definedAt());
    }
    return t.toString();
  }

  /** A duration as people read it: {@code 850 µs}, {@code 12.3 ms}, {@code 1.25 s}. */
  static String time(Duration d) {
    long nanos = d.toNanos();
    if (nanos < 1_000_000) {
      return String.format(Locale.ROOT, "%.0f \u00b5s", nanos / 1e3);
    }
    if (nanos < 1_000_000_000) {
      return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
