package dev.sloth.viz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link Picture} as Graphviz DOT. Every identifier DOT sees is generated ({@code n0}, {@code n1}, ...,
 * {@code cluster_0}, ...); every user text (names, values, module names, titles) goes into a double-quoted string
 * through {@link #quote}, so no name can break the syntax. Boxes of the same cluster (a module) are framed together.
 * Colours: fill by state, a thick coloured border for an emphasis the legend explains
 * ("ran in the last get", "eager"), dashed arrows for dependencies discovered by reading.
 */
final class DotWriter {
  static final String VALID = "#b8e0a8";
  static final String NEW = "#e6e6e6";
  static final String STALE = "#fbe7a1";
  static final String RUNNING = "#a6cdf2";
  static final String FAILED = "#f4a4a4";
  static final String RAN = "#ff8c00";
  static final String EAGER = "#7b4fb0";

  /**
   * The most characters of one user text that are drawn. Graphviz rejects a quoted string longer than 16,384 bytes
   * ("syntax error ... longer than 16384?"), and a char is at most 3 bytes of UTF-8 (or 2 escaped).
   */
  static final int MAX_TEXT = 1_000;

  private DotWriter() {}

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
    Map<String, List<Picture.Box>> clusters = new LinkedHashMap<>();
    for (Picture.Box box : p.boxes()) {
      if (box.cluster() == null) {
        box(b, "  n" + box.index(), box);
      } else {
        clusters.computeIfAbsent(box.cluster(), k -> new ArrayList<>()).add(box);
      }
    }
    int c = 0;
    for (Map.Entry<String, List<Picture.Box>> cluster : clusters.entrySet()) {
      b.append("  subgraph cluster_").append(c++).append(" {\n")
          .append("    label=").append(quote(cluster.getKey()))
          .append("; style=\"rounded\"; color=\"#888888\"; fontsize=11;\n");
      for (Picture.Box box : cluster.getValue()) {
        box(b, "    n" + box.index(), box);
      }
      b.append("  }\n");
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
    if (legend && !p.legend().isEmpty()) {
      legend(b, p.legend());
    }
    return b.append("}\n").toString();
  }

  private static void box(StringBuilder b, String id, Picture.Box box) {
    b.append(id).append(" [label=").append(quote(box.label())).append(", tooltip=").append(quote(box.tooltip()));
    look(b, box.look());
    if (box.count() > 1) {
      b.append(", peripheries=2");
    }
    b.append("];\n");
  }

  private static void look(StringBuilder b, Picture.Look look) {
    b.append(", fillcolor=\"").append(look.fill()).append('"');
    if (look.ellipse()) {
      b.append(", shape=ellipse, style=filled");
    }
    if (look.border() != null) {
      b.append(", color=\"").append(look.border()).append("\", penwidth=3");
    }
  }

  /** Graphviz lays a rank of unconnected nodes out from right to left, so entries are given right to left. */
  private static void legend(StringBuilder b, List<Picture.Legend> entries) {
    b.append("  subgraph cluster_legend {\n")
        .append("    label=\"legend\"; style=dashed; color=\"#999999\"; fontsize=10;\n")
        .append("    node [fontsize=9, margin=\"0.05,0.02\", height=0.2];\n");
    for (int i = 0; i < entries.size(); i++) {
      b.append("    legend_").append(i).append(" [label=").append(quote(entries.get(i).text()));
      look(b, entries.get(i).look());
      b.append("];\n");
    }
    b.append("  }\n");
  }

  /**
   * {@code text} as a DOT double-quoted string: backslashes and quotes escaped, line breaks as DOT's centred line
   * break {@code \n}, other control characters as spaces, half a surrogate pair (a text cut inside an emoji, as
   * a snapshot's 40-character value text can be) as U+FFFD; a text longer than {@link #MAX_TEXT} is cut, with a
   * note of its length, so that Graphviz reads it.
   */
  static String quote(String text) {
    if (text.length() > MAX_TEXT) {
      int cut = MAX_TEXT - 10; // room for the note
      cut -= Character.isHighSurrogate(text.charAt(cut - 1)) ? 1 : 0; // not inside a pair
      text = text.substring(0, cut) + String.format(Locale.ROOT, "... (%,d characters)", text.length());
    }
    StringBuilder b = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '"' -> b.append("\\\"");
        case '\n' -> b.append("\\n");
        case '\r' -> { }
        default -> {
          if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
            b.append(c).append(text.charAt(++i));
          } else if (Character.isSurrogate(c)) {
            b.append('\uFFFD'); // half a pair (a text cut inside an emoji) has no UTF-8 form: writing it would throw
          } else {
            b.append(Character.isISOControl(c) ? ' ' : c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
