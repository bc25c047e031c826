package dev.sloth.dash;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The server-side layout: arrows point down, boxes never overlap, deep chains do not overflow the stack. */
class LayoutTest {
  /** A random DAG: box i depends on some boxes with smaller numbers. */
  private static int[][] dag(int n, long seed, int maxDeps) {
    Random r = new Random(seed);
    int[][] deps = new int[n][];
    for (int i = 0; i < n; i++) {
      Set<Integer> d = new HashSet<>();
      int k = i == 0 ? 0 : r.nextInt(Math.min(i, maxDeps) + 1);
      while (d.size() < k) {
        d.add(r.nextInt(i));
      }
      deps[i] = d.stream().mapToInt(Integer::intValue).toArray();
    }
    return deps;
  }

  @Property(tries = 60)
  void everyArrowPointsDownAndNoTwoBoxesShareAPlace(@ForAll @IntRange(min = 1, max = 400) int n,
      @ForAll long seed, @ForAll @IntRange(min = 0, max = 5) int maxDeps) {
    int[][] deps = dag(n, seed, maxDeps);
    Layout l = Layout.layered(n, deps);
    Set<String> places = new HashSet<>();
    for (int v = 0; v < n; v++) {
      for (int d : deps[v]) {
        assertThat(l.y[d]).as("box %d depends on %d", v, d).isLessThan(l.y[v]);
      }
      assertThat(places.add(l.x[v] + "," + l.y[v])).as("box %d's place is free", v).isTrue();
      assertThat(l.x[v]).isBetween(0.0, l.width);
      assertThat(l.y[v]).isBetween(0.0, l.height);
    }
  }

  @Property(tries = 40)
  void aCycleIsToleratedAndEveryBoxIsPlaced(@ForAll @IntRange(min = 2, max = 50) int n, @ForAll long seed) {
    int[][] deps = dag(n, seed, 3);
    deps[0] = new int[] {n - 1}; // close a cycle, as function groups do (Inc -> Dbl -> Inc)
    Layout l = Layout.layered(n, deps);
    int[] order = Layout.topologicalOrder(n, deps);
    List<Integer> seen = new ArrayList<>();
    for (int v : order) {
      seen.add(v);
    }
    assertThat(seen).hasSize(n).doesNotHaveDuplicates();
    assertThat(l.x).hasSize(n);
  }

  @Test
  void aChainOfTwoHundredThousandIsOrderedWithoutRecursion() {
    int n = 200_000;
    int[][] deps = new int[n][];
    deps[0] = new int[0];
    for (int i = 1; i < n; i++) {
      deps[i] = new int[] {i - 1};
    }
    int[] order = Layout.topologicalOrder(n, deps);
    for (int i = 0; i < n; i++) {
      assertThat(order[i]).isEqualTo(i);
    }
  }

  @Test
  void aWideFanWrapsOntoRows() {
    int n = 2000;
    int[][] deps = new int[n][];
    for (int i = 0; i < n - 1; i++) {
      deps[i] = new int[0];
    }
    deps[n - 1] = java.util.stream.IntStream.range(0, n - 1).toArray();
    Layout l = Layout.layered(n, deps);
    int perRow = Math.max(12, (int) Math.ceil(Math.sqrt(n) * 1.6));
    assertThat(l.width).isEqualTo(perRow * (Layout.BOX_W + Layout.GAP_X) - Layout.GAP_X);
    assertThat(l.y[n - 1]).isEqualTo(l.height - Layout.BOX_H);
  }
}
