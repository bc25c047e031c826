package dev.sloth.viz;

import dev.sloth.graph.GraphSnapshot.Kind;
import dev.sloth.graph.NodeState;
import java.util.Locale;

/**
 * Writes a {@link Picture} as Graphviz DOT. Every identifier DOT sees is generated ({@code n0}, {@code n1}, ...);
 * every user text (names, values, titles) goes into a double-quoted string through {@link #quote}, so no name can
 * break the syntax. Colours follow the seed's pictures: fill by state, a thick orange border for "ran in the last
 * get", dashed arrows for dependencies discovered by reading.
 */
final class DotWriter {
  static final String VALID = "#b8e0a8";
  static final String NEW = "#e6e6e6";
  static final String STALE = "#fbe7a1";
  static final String RUNNING = "#a6cdf2";
  static final String FAILED = "#f4a4a4";
  static final String RAN = "#ff8c00";

  /** Graphviz lays a rank of unconnected nodes out from right to left, so this reads valid ... failed. */
  private static final NodeState[] LEGEND_RIGHT_TO_LEFT = {
      NodeState.FAILED, NodeState.RUNNING, NodeState.NEW, NodeState.STALE, NodeState.VALID};

  private DotWriter() {}

  static String fill(NodeState state) {
    return switch (state) {
      case VALID -> VALID;
      case NEW -> NEW;
      case STALE -> STALE;
      case RUNNING -> RUNNING;
      case FAILED -> FAILED;
    };
  }

  static String write(Picture p, String title, boolean legend) {
    StringBuilder b = new StringBuilder(64 + 96 * p.boxes().size());
    b.append("digraph sloth {\n");
    String label = title;
    if (!p.reduction().isEmpty()) {
      label = label.isEmpty() ? p.reduction() : label + "\n" + p.reduction();
    }
    b.append("  graph [fontname=\"Helvetica\", fontsize=12, labelloc=t");
    if (!label.isEmpty()) {
      b.append(", label=").append(quote(label));
    }
    b.append("];\n");
    b.append("  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", fontsize=11, color=\"#555555\"];\n");
    b.append("  edge [color=\"#555555\", arrowsize=0.7, fontname=\"Helvetica\", fontsize=10];\n");
    for (Picture.Box box : p.boxes()) {
      b.append("  n").append(box.index()).append(" [label=").append(quote(box.label()))
          .append(", tooltip=").append(quote(box.tooltip()))
          .append(", fillcolor=\"").append(fill(box.state())).append('"');
      if (box.kind() == Kind.SOURCE) {
        b.append(", shape=ellipse, style=filled");
      }
      if (box.ran()) {
        b.append(", color=\"").append(RAN).append("\", penwidth=3");
      }
      if (box.count() > 1) {
        b.append(", peripheries=2");
      }
      b.append("];\n");
    }
    for (Picture.Arrow a : p.arrows()) {
      b.append("  n").append(a.from()).append(" -> n").append(a.to());
      if (a.dynamic() || a.count() > 1) {
        b.append(" [");
        if (a.dynamic()) {
          b.append("style=dashed");
        }
        if (a.count() > 1) {
          b.append(a.dynamic() ? ", " : "").append("label=\"\u00d7")
              .append(String.format(Locale.ROOT, "%,d", a.count())).append('"');
        }
        b.append(']');
      }
      b.append(";\n");
    }
    if (legend) {
      legend(b);
    }
    return b.append("}\n").toString();
  }

  private static void legend(StringBuilder b) {
    b.append("  subgraph cluster_legend {\n")
        .append("    label=\"legend\"; style=dashed; color=\"#999999\"; fontsize=10;\n")
        .append("    node [fontsize=9, margin=\"0.05,0.02\", height=0.2];\n");
    b.append("    legend_ran [label=\"ran in last get\", fillcolor=\"").append(VALID).append("\", color=\"")
        .append(RAN).append("\", penwidth=3];\n");
    for (NodeState s : LEGEND_RIGHT_TO_LEFT) {
      b.append("    legend_").append(s.name().toLowerCase(Locale.ROOT)).append(" [label=\"")
          .append(s.name().toLowerCase(Locale.ROOT)).append("\", fillcolor=\"").append(fill(s)).append("\"];\n");
    }
    b.append("  }\n");
  }

  /**
   * {@code text} as a DOT double-quoted string: backslashes and quotes escaped, line breaks as DOT's centred line
   * break {@code \n}, other control characters as spaces.
   */
  static String quote(String text) {
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        case '\r' -> { }
        default -> b.append(Character.isISOControl(c) ? ' ' : c);
      }
    }
    return b.append('"').toString();
  }
}
