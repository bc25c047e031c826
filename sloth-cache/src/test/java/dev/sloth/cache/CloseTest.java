package dev.sloth.cache;

import static dev.sloth.cache.Fns.fn1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Graph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graph that outlives its cache: its nodes still run, and what the user is told names the close. */
class CloseTest {
  @TempDir Path dir;

  @Test
  void nodesRunThroughAClosedCacheRunUnpersistedAndSaySoWithoutBlamingTheDatabase() {
    List<String> warnings = new ArrayList<>();
    Handler h = new Handler() {
      @Override
      public void publish(LogRecord r) {
        if (r.getLevel() == Level.WARNING && r.getMessage().contains(dir.toString())) { // other tests log too
          synchronized (warnings) {
            warnings.add(r.getMessage());
          }
        }
      }

      @Override public void flush() {}

      @Override public void close() {}
    };
    Logger jul = Logger.getLogger(DiskCache.class.getName());
    jul.addHandler(h);
    try {
      DiskCache c = DiskCache.builder(dir).defaultRule(PersistRule.forced()).build();
      Fn1<Integer, Integer> f = fn1(Graph.builder().persistentCache(c).build(), "F", (Integer v) -> v + 1);
      assertThat(f.call(1).get()).isEqualTo(2);
      c.close();
      c.close();
      assertThat(f.call(2).get()).isEqualTo(3);
      assertThat(c.explain(f.call(2))).isEqualTo("'F#2' ran: not persisted: the cache was closed");
      assertThatThrownBy(c::storedBytes).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("the cache was closed");
      synchronized (warnings) {
        assertThat(warnings).singleElement().asString().startsWith("the cache was closed");
      }
    } finally {
      jul.removeHandler(h);
    }
  }
}
