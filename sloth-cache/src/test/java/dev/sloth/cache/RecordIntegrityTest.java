package dev.sloth.cache;

import static dev.sloth.cache.Fns.fn1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and forged records are misses with one warning; the secret is owner-only; the size bound holds. */
class RecordIntegrityTest {
  static final AtomicInteger RUNS = new AtomicInteger();
  private static final Logger JUL = Logger.getLogger(DiskCache.class.getName());
  private final List<String> warnings = new ArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      if (r.getLevel() == Level.WARNING && r.getMessage().contains("'Text#")) { // other tests log too
        synchronized (warnings) {
          warnings.add(r.getMessage());
        }
      }
    }

    @Override public void flush() {}

    @Override public void close() {}
  };

  @TempDir Path dir;

  @BeforeEach
  void listen() {
    RUNS.set(0);
    JUL.addHandler(handler);
  }

  @AfterEach
  void stop() {
    JUL.removeHandler(handler);
  }

  private Node<String> node(DiskCache cache, int arg) {
    Graph g = Graph.builder().persistentCache(cache).build();
    return fn1(g, "Text", (Integer v) -> {
      RUNS.incrementAndGet();
      return "value " + v;
    }).call(arg);
  }

  private DiskCache cache() {
    return DiskCache.builder(dir).defaultRule(PersistRule.forced()).build();
  }

  private Connection db() throws Exception {
    return new org.sqlite.JDBC().connect("jdbc:sqlite:" + dir.resolve("cache.db"), new java.util.Properties());
  }

  /** Rewrites every stored record with {@code change} applied to its bytes. */
  private void rewrite(java.util.function.UnaryOperator<byte[]> change) throws Exception {
    try (Connection c = db()) {
      List<byte[][]> rows = new ArrayList<>();
      try (ResultSet r = c.createStatement().executeQuery("SELECT key, value FROM entries")) {
        while (r.next()) {
          rows.add(new byte[][] {r.getBytes(1), r.getBytes(2)});
        }
      }
      try (PreparedStatement p = c.prepareStatement("UPDATE entries SET value = ? WHERE key = ?")) {
        for (byte[][] row : rows) {
          p.setBytes(1, change.apply(row[1]));
          p.setBytes(2, row[0]);
          p.executeUpdate();
        }
      }
    }
  }

  @Test
  void aDamagedRecordIsAMissAndOneWarningThenItIsReplaced() throws Exception {
    assertThat(node(cache(), 1).get()).isEqualTo("value 1");
    rewrite(v -> {
      v[1] ^= 0x40; // a flipped bit inside the payload
      return v;
    });
    DiskCache second = cache();
    Node<String> n = node(second, 1);
    assertThat(n.get()).isEqualTo("value 1");
    assertThat(RUNS.get()).isEqualTo(2);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("'Text#1'").contains("corrupt: its checksum does not match");
    assertThat(second.explain(n)).contains("rejected as corrupt");
    assertThat(node(cache(), 1).get()).isEqualTo("value 1");
    assertThat(RUNS.get()).as("the replaced record is good again").isEqualTo(2);
  }

  @Test
  void aForgedRecordWithAValidChecksumButNoSecretIsAMissAndOneWarning() throws Exception {
    assertThat(node(cache(), 2).get()).isEqualTo("value 2");
    rewrite(v -> {
      int len = v.length - Sealer.OVERHEAD;
      v[len - 1] ^= 1; // change the value's last byte ('2' -> '3') and fix the CRC: only the HMAC can tell
      java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
      crc.update(v, 0, len);
      int c = (int) crc.getValue();
      v[len] = (byte) (c >>> 24);
      v[len + 1] = (byte) (c >>> 16);
      v[len + 2] = (byte) (c >>> 8);
      v[len + 3] = (byte) c;
      return v;
    });
    Node<String> n = node(cache(), 2);
    assertThat(n.get()).isEqualTo("value 2"); // never the forged "value 3"
    assertThat(RUNS.get()).isEqualTo(2);
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0)).contains("tampered: its HMAC does not match");
  }

  @Test
  void theSecretIsOwnerOnlyAndAWiderOneIsRefused() throws Exception {
    cache().close();
    Path secret = dir.resolve("secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
    assertThat(Files.size(secret)).isEqualTo(32);
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(this::cache).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("readable or writable by others").hasMessageContaining("chmod 600");
  }

  @Test
  void theStoredBytesStayUnderMaxBytesAndTheLeastRecentlyUsedGoFirst() throws Exception {
    long max = 24 * 1024;
    java.util.function.Function<DiskCache, Graph> graph = c -> Graph.builder().persistentCache(c).build();
    DiskCache first = DiskCache.builder(dir).defaultRule(PersistRule.forced()).maxBytes(max).build();
    Graph g1 = graph.apply(first);
    var blob = fn1(g1, "Blob", (Integer i) -> {
      RUNS.incrementAndGet();
      return new byte[1000];
    });
    for (int i = 0; i < 10; i++) {
      blob.call(i).get();
    }
    first.close();
    DiskCache second = DiskCache.builder(dir).defaultRule(PersistRule.forced()).maxBytes(max).build();
    var blob2 = fn1(graph.apply(second), "Blob", (Integer i) -> {
      RUNS.incrementAndGet();
      return new byte[1000];
    });
    blob2.call(0).get(); // a hit: 0 is now the most recently used of the first ten
    assertThat(RUNS.get()).isEqualTo(10);
    for (int i = 10; i < 20; i++) { // about 15 KiB more than the bound holds: evictions
      blob2.call(i).get();
      assertThat(second.storedBytes()).isLessThanOrEqualTo(max);
    }
    second.close();
    DiskCache third = DiskCache.builder(dir).defaultRule(PersistRule.forced()).maxBytes(max).build();
    var blob3 = fn1(graph.apply(third), "Blob", (Integer i) -> {
      RUNS.incrementAndGet();
      return new byte[1000];
    });
    int before = RUNS.get();
    blob3.call(19).get();
    blob3.call(0).get();
    assertThat(RUNS.get()).as("the newest and the recently used one are kept").isEqualTo(before);
    blob3.call(1).get();
    assertThat(RUNS.get()).as("the least recently used one went").isEqualTo(before + 1);
    assertThat(Files.size(dir.resolve("cache.db"))).isLessThan(4 * max + 64 * 1024);
  }
}
