package dev.sloth.cache;

import static dev.sloth.cache.Fns.computed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.sloth.graph.Graph;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long-running process: what the cache keeps in memory does not grow with every function name it ever saw. */
class BoundedMemoryTest {
  @TempDir Path dir;

  @Test
  void aNodePerRequestNamedByItsIdKeepsNoCountersAndGroupsForEachName() {
    int names = DiskCache.MAX_NAMES + 2_000;
    try (DiskCache c = DiskCache.builder(dir).build()) { // the default rule: cheap bodies are looked up, not stored
      assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
        for (int i = 0; i < names; i++) {
          Graph g = Graph.builder().persistentCache(c).build();
          int id = i;
          assertThat(computed(g, "price-" + id, () -> id * 2).get()).isEqualTo(id * 2);
        }
      });
      int[] tracked = c.trackedForTests();
      assertThat(tracked[0]).as("names with counters").isLessThanOrEqualTo(DiskCache.MAX_NAMES);
      assertThat(tracked[1]).as("groups kept in memory").isLessThanOrEqualTo(SqliteStore.GROUPS);
      assertThat(c.stats("price-0").misses()).as("the first names are still counted").isEqualTo(1);
    }
  }
}
