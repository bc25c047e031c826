package dev.sloth.viz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a drawing shows: boxes (one per item, or one per group of items) and arrows between them, within a cap on the
 * number of boxes so that Graphviz always finishes quickly. Items come from an adapter ({@link GraphPictures} for
 * graph nodes, {@link ModulePictures} for module bindings); this class knows only their looks, clusters and group
 * keys.
 *
 * <p><b>The cap.</b> At most {@code maxBoxes} items are drawn item for item. More are first <em>collapsed</em>:
 * items with the same group key (for graph nodes: function, kind, state and "ran in the last get"; for bindings:
 * module and state) become one box labelled with their count, so colours stay true; arrows between groups are merged
 * and labelled with their count. If there are still more than {@code maxBoxes} groups, the drawing keeps the {@code
 * maxBoxes} groups nearest the results: a breadth-first walk backwards from the boxes nothing depends on (the values
 * asked for, the root of a control-flow snapshot, the bindings nothing read). The title says what was collapsed or
 * left out.
 *
 * @param noun what an item is, plural ("nodes", "bindings"), for the notes
 * @param reduction what the cap did, or empty
 * @param legend the looks to explain, drawn right to left
 */
record Picture(List<Box> boxes, List<Arrow> arrows, int itemsTotal, String noun, String reduction,
    List<Legend> legend) {

  /** How a box looks: its fill, an ellipse rather than a rounded box, a thick border of a colour (or null). */
  record Look(String fill, boolean ellipse, String border) {}

  /** One entry of the legend: a sample box and what it means. */
  record Legend(String text, Look look) {}

  /**
   * One thing to draw before the cap: its full label, the short name a group shows for it, and the key and title of
   * the group it joins when collapsed; {@code cluster} (or null) names the frame it is drawn in.
   */
  record Item(String name, String label, String tooltip, Look look, String cluster, Object groupKey,
      String groupTitle) {}

  /** An arrow between items (indexes into the item list), from the one depended on to the one depending on it. */
  record Link(int from, int to, boolean dynamic) {}

  /** One drawn box: an item ({@code count == 1}) or a group of items. */
  record Box(int index, String label, String tooltip, Look look, String cluster, int count) {}

  /** An arrow from the box depended on to the box that depends on it, standing for {@code count} links. */
  record Arrow(int from, int to, boolean dynamic, int count) {}

  /** The items and links within the cap; {@code groupedBy} says what collapsed groups share, for the note. */
  static Picture of(List<Item> items, List<Link> links, int maxBoxes, String noun, String groupedBy,
      List<Legend> legend) {
    if (items.size() <= maxBoxes) {
      return itemForItem(items, links, noun, legend);
    }
    Picture collapsed = collapsed(items, links, noun, groupedBy, legend);
    if (collapsed.boxes.size() <= maxBoxes) {
      return collapsed;
    }
    return nearestResults(collapsed, maxBoxes);
  }

  private static Picture itemForItem(List<Item> items, List<Link> links, String noun, List<Legend> legend) {
    List<Box> boxes = new ArrayList<>(items.size());
    for (Item it : items) {
      boxes.add(new Box(boxes.size(), it.label, it.tooltip, it.look, it.cluster, 1));
    }
    List<Arrow> arrows = new ArrayList<>(links.size());
    for (Link l : links) {
      arrows.add(new Arrow(l.from, l.to, l.dynamic, 1));
    }
    return new Picture(boxes, arrows, items.size(), noun, "", legend);
  }

  private record ArrowKey(int from, int to, boolean dynamic) {}

  private static Picture collapsed(List<Item> items, List<Link> links, String noun, String groupedBy,
      List<Legend> legend) {
    Map<Object, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      groups.computeIfAbsent(items.get(i).groupKey, k -> new ArrayList<>()).add(i);
    }
    int[] boxOfItem = new int[items.size()];
    List<Box> boxes = new ArrayList<>();
    for (List<Integer> members : groups.values()) {
      Item first = items.get(members.get(0));
      int count = members.size();
      String label = count == 1 ? first.name : first.groupTitle + "\n\u00d7" + String.format(Locale.ROOT, "%,d", count);
      String tip = count == 1 ? first.tooltip : count + " " + noun + ": " + first.tooltip + "; first " + first.name;
      for (int i : members) {
        boxOfItem[i] = boxes.size();
      }
      boxes.add(new Box(boxes.size(), label, tip, first.look, first.cluster, count));
    }
    Map<ArrowKey, Integer> merged = new LinkedHashMap<>();
    for (Link l : links) {
      merged.merge(new ArrowKey(boxOfItem[l.from], boxOfItem[l.to], l.dynamic), 1, Integer::sum);
    }
    List<Arrow> arrows = new ArrayList<>();
    merged.forEach((k, count) -> arrows.add(new Arrow(k.from, k.to, k.dynamic, count)));
    String note = String.format(Locale.ROOT, "%,d %s collapsed into %,d groups of the same %s", items.size(), noun,
        boxes.size(), groupedBy);
    return new Picture(boxes, arrows, items.size(), noun, note, legend);
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
    int hidden = 0;
    for (Box b : p.boxes) {
      if (kept.get(b.index)) {
        newIndex[b.index] = boxes.size();
        boxes.add(new Box(boxes.size(), b.label, b.tooltip, b.look, b.cluster, b.count));
      } else {
        hidden += b.count;
      }
    }
    List<Arrow> arrows = new ArrayList<>();
    for (Arrow a : p.arrows) {
      if (kept.get(a.from) && kept.get(a.to)) {
        arrows.add(new Arrow(newIndex[a.from], newIndex[a.to], a.dynamic, a.count));
      }
    }
    String note = p.reduction + String.format(Locale.ROOT,
        "; only the %,d groups nearest the results are drawn, %,d %s left out", boxes.size(), hidden, p.noun);
    return new Picture(boxes, arrows, p.itemsTotal, p.noun, note, p.legend);
  }

  /** The legend entry for a state drawn as a plain box of colour {@code fill}. */
  static Legend stateLegend(String text, String fill) {
    return new Legend(text, new Look(fill, false, null));
  }

  /** An enum constant as it reads in a label: {@code RESOLVED} as {@code resolved}. */
  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
