package dev.sloth.cache;

import static dev.sloth.cache.Fns.computed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rule belongs to a name: it holds for every function object run under that name, and only there. Each "run" is a
 * new graph over a new {@link DiskCache} on one directory (what a new JVM sees).
 */
class FunctionNamesTest {
  static final AtomicInteger DOUBLED = new AtomicInteger();
  static final AtomicInteger CLOCK = new AtomicInteger();

  @TempDir Path dir;

  @BeforeEach
  void reset() {
    DOUBLED.set(0);
    CLOCK.set(0);
  }

  /** A non-capturing lambda: the same object each time this runs. */
  static Fns.F1<Integer, Integer> doubling() {
    return x -> {
      DOUBLED.incrementAndGet();
      return x * 2;
    };
  }

  @Test
  void oneFunctionObjectWrappedUnderTwoNamesGetsEachNamesRule() {
    assertThat(doubling()).isSameAs(doubling());
    String[] explained = new String[2];
    for (int run = 0; run < 2; run++) {
      DiskCache c = DiskCache.builder(dir).defaultRule(PersistRule.forced())
          .rule("Scaled", PersistRule.forced().version(run == 0 ? "1" : "2")).build();
      Graph g = Graph.builder().persistentCache(c).build();
      assertThat(g.fn1("Doubled", doubling()).call(4).get()).isEqualTo(8);
      Node<Integer> scaled = g.fn1("Scaled", doubling()).call(4);
      assertThat(scaled.get()).isEqualTo(8);
      explained[run] = c.explain(scaled);
      c.close();
    }
    assertThat(explained[1]).as("the version of 'Scaled' was bumped in the second run")
        .isEqualTo("'Scaled#1' ran: its declared version changed from 1 to 2");
    assertThat(DOUBLED).as("runs: Doubled and Scaled, then Scaled again (its new version)").hasValue(3);
  }

  @Test
  void everyComputedNodeGivenANameFollowsThatNamesRuleAndCountsUnderIt() {
    int[][] seen = new int[2][];
    String[] explained = new String[2];
    FunctionStats[] stats = new FunctionStats[2];
    for (int run = 0; run < 2; run++) {
      DiskCache c = DiskCache.builder(dir).defaultRule(PersistRule.forced())
          .rule("Now", PersistRule.notPersisted()).build();
      Graph g = Graph.builder().persistentCache(c).build();
      Node<Integer> first = computed(g, "Now", () -> CLOCK.incrementAndGet());
      Node<Integer> second = computed(g, "Now", () -> 1000 + CLOCK.incrementAndGet()); // shown as 'Now#2'
      seen[run] = new int[] {first.get(), second.get()};
      explained[run] = c.explain(second);
      stats[run] = c.stats("Now");
      c.close();
    }
    assertThat(seen[1]).as("the clock is read anew in the second run by both nodes").containsExactly(3, 1004);
    assertThat(explained[1]).isEqualTo("'Now#2' ran: not persisted: its rule is notPersisted()");
    assertThat(CLOCK).hasValue(4);
    assertThat(stats).as("both nodes count under the name they were given")
        .containsOnly(new FunctionStats("Now", 0, 2, 0, 2));
  }
}
