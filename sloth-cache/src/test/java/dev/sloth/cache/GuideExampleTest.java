package dev.sloth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example at the top of docs/cache.md, run twice on one directory (each run a new cache and graph). */
class GuideExampleTest {
  @TempDir Path dir;

  @Test
  void theGuideExampleRecallsEverythingOnItsSecondRun() throws Exception {
    String[] explained = new String[2];
    FunctionStats[] stats = new FunctionStats[2];
    long[] totals = new long[2];
    for (int run = 0; run < 2; run++) {
      DiskCache cache = DiskCache.builder(dir.resolve(".sloth-cache")).build();
      Graph g = Graph.builder().persistentCache(cache).build();

      Fn1<Integer, Long> slow = g.fn1("Slow", x -> { Thread.sleep(200); return (long) x * x; });
      Node<Long> total = g.fn2("Add", (Long a, Long b) -> a + b).call(slow.call(3), slow.call(4));
      totals[run] = total.get();
      explained[run] = cache.explain(slow.call(3));
      stats[run] = cache.stats("Slow");
      FunctionStats add = cache.stats("Add");
      assertThat(add.hits() + add.misses()).isEqualTo(1);
      cache.close();
    }
    assertThat(totals).containsExactly(25, 25);
    assertThat(stats[0]).isEqualTo(new FunctionStats("Slow", 0, 2, 2, 0));
    assertThat(stats[1]).isEqualTo(new FunctionStats("Slow", 2, 0, 0, 0));
    assertThat(explained[0]).isEqualTo("'Slow#1' ran: no result was stored for it before");
    assertThat(explained[1]).isEqualTo("'Slow#1' was recalled from the cache");
  }
}
