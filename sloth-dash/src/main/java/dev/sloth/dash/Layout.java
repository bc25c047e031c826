package dev.sloth.dash;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Box positions for the graph view, computed on the server so the page only draws. A layered ("Sugiyama-lite")
 * layout in three linear-ish passes:
 *
 * <ol>
 *   <li>a depth-first walk over dependencies gives a topological order; an edge to a node still on the walk's stack
 *       closes a cycle (possible in the function-group view, where {@code Inc -> Dbl -> Inc} is normal) and is
 *       ignored for layering;
 *   <li>each box's layer is one more than the deepest of its dependencies (longest path), so every arrow points down;
 *   <li>within a layer boxes are sorted by the mean place of their dependencies in their own layers' order (one
 *       barycentre sweep, which removes most crossings of trees and fans), and a layer wider than {@code maxRow}
 *       boxes wraps onto further rows, in that order, so that a 2,000-leaf fan stays readable.
 * </ol>
 *
 * <p>Units are abstract (a box is {@value #BOX_W} by {@value #BOX_H}); the page scales the whole drawing to fit.
 */
final class Layout {
  static final double BOX_W = 120;
  static final double BOX_H = 30;
  static final double GAP_X = 16;
  static final double GAP_Y = 34;

  final double[] x;
  final double[] y;
  final double width;
  final double height;

  private Layout(double[] x, double[] y, double width, double height) {
    this.x = x;
    this.y = y;
    this.width = width;
    this.height = height;
  }

  /** Lays out {@code n} boxes where {@code deps[i]} lists the boxes box {@code i} depends on (drawn above it). */
  static Layout layered(int n, int[][] deps) {
    int[] order = topologicalOrder(n, deps);
    int[] rank = new int[n];
    for (int i = 0; i < n; i++) {
      rank[order[i]] = i;
    }
    int[] layer = new int[n];
    int layers = 0;
    for (int v : order) {
      int l = 0;
      for (int d : deps[v]) {
        if (rank[d] < rank[v]) {
          l = Math.max(l, layer[d] + 1);
        }
      }
      layer[v] = l;
      layers = Math.max(layers, l + 1);
    }
    List<List<Integer>> byLayer = new ArrayList<>();
    for (int l = 0; l < layers; l++) {
      byLayer.add(new ArrayList<>());
    }
    for (int v : order) {
      byLayer.get(layer[v]).add(v);
    }
    int maxRow = Math.max(12, (int) Math.ceil(Math.sqrt(n) * 1.6));
    double[] slot = new double[n]; // a box's column in its row
    double[] place = new double[n]; // a box's place in its layer's order, for its dependents' barycentres
    double[] x = new double[n];
    double[] y = new double[n];
    int row = 0;
    int widest = 1;
    for (List<Integer> boxes : byLayer) {
      double[] key = new double[boxes.size()];
      Integer[] idx = new Integer[boxes.size()];
      for (int i = 0; i < boxes.size(); i++) {
        int v = boxes.get(i);
        idx[i] = i;
        double sum = 0;
        int count = 0;
        for (int d : deps[v]) {
          if (layer[d] < layer[v]) {
            sum += place[d];
            count++;
          }
        }
        key[i] = count == 0 ? (i + 0.5) / boxes.size() : sum / count;
      }
      Arrays.sort(idx, (a, b) -> Double.compare(key[a], key[b]));
      int perRow = Math.min(maxRow, boxes.size());
      widest = Math.max(widest, perRow);
      for (int i = 0; i < idx.length; i++) {
        int v = boxes.get(idx[i]);
        int r = i / perRow;
        int c = i % perRow;
        int inThisRow = Math.min(perRow, boxes.size() - r * perRow);
        slot[v] = c - (inThisRow - 1) / 2.0; // centred on zero, so layers of any width line up
        place[v] = (i + 0.5) / idx.length; // its place in the layer's order, 0 to 1, whatever the rows
        y[v] = (row + r) * (BOX_H + GAP_Y);
      }
      row += (boxes.size() + perRow - 1) / perRow;
    }
    double totalWidth = widest * (BOX_W + GAP_X) - GAP_X;
    for (int v = 0; v < n; v++) {
      x[v] = (slot[v] + (widest - 1) / 2.0) * (BOX_W + GAP_X);
    }
    return new Layout(x, y, Math.max(totalWidth, BOX_W), Math.max(row * (BOX_H + GAP_Y) - GAP_Y, BOX_H));
  }

  /** Dependencies before dependents; iterative, so a 100,000-deep chain cannot overflow the stack. */
  static int[] topologicalOrder(int n, int[][] deps) {
    byte[] mark = new byte[n]; // 0 new, 1 on the stack, 2 done
    int[] order = new int[n];
    int filled = 0;
    int[] stack = new int[n];
    int[] next = new int[n]; // index of the next dependency to visit, per stacked box
    for (int root = 0; root < n; root++) {
      if (mark[root] != 0) {
        continue;
      }
      int sp = 0;
      stack[sp++] = root;
      mark[root] = 1;
      next[root] = 0;
      while (sp > 0) {
        int v = stack[sp - 1];
        if (next[v] < deps[v].length) {
          int d = deps[v][next[v]++];
          if (mark[d] == 0) {
            mark[d] = 1;
            next[d] = 0;
            stack[sp++] = d;
          }
        } else {
          sp--;
          mark[v] = 2;
          order[filled++] = v;
        }
      }
    }
    return order;
  }
}
