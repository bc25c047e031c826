package dev.sloth.cache;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The cache's file: one SQLite database ({@code <dir>/cache.db}) with one table of sealed records, chosen by
 * measurement (docs/benchmarks.md, "sloth-cache: the store"): it is the only one of the four compared that lets
 * several processes use one directory at once and opens with no JVM flag, and it loses nothing acknowledged to
 * {@code kill -9}.
 *
 * <p><b>Durability.</b> WAL journal, {@code synchronous=NORMAL}: a committed put is in the WAL file before {@code
 * put} returns, so the death of the process (kill -9 at any point) loses nothing acknowledged and never exposes a
 * half-written row; only a power cut can lose the last commits, never corrupt the file. Other processes see a
 * commit at once; a busy database is waited for ({@code busy_timeout}), not failed, and so is another process
 * switching a new file to WAL at the same moment (see {@code switchToWal}).
 *
 * <p><b>Size bound.</b> Each row records its size and a last-use stamp. Uses are collected in memory and written in
 * batches (a hit costs one read, not a write); when the stored bytes exceed {@code maxBytes} the least recently
 * used rows go, down to 90% of the bound, and freed pages are returned to the file system (incremental vacuum).
 *
 * <p><b>Groups.</b> Each result row carries its group, a hash of the function's name and code version. The first
 * look-up in a group reads the whole group in one query (if it holds at most {@value #GROUP_ROWS} rows and {@value
 * #GROUP_BYTES} bytes, and all groups together at most {@value #ALL_GROUPS_BYTES}) and later look-ups take their
 * row from memory: a second run of a program recalls a thousand results of one function with one round trip to
 * SQLite instead of a thousand. A key not found there is still looked up in the file (another process may have
 * written it since). A row kept in memory stays a right answer even if the file changes: a key names one function,
 * one code version and one set of arguments, so every record ever stored under it holds the same result.
 *
 * <p>One connection, used under this object's monitor: SQLite serialises writers anyway, and a read is a few
 * microseconds.
 */
final class SqliteStore implements AutoCloseable {
  private static final int TOUCH_BATCH = 512;
  static final int GROUP_ROWS = 20_000;
  static final int GROUP_BYTES = 32 << 20;
  static final int ALL_GROUPS_BYTES = 64 << 20;
  static final int GROUPS = 4096;
  private long groupBytes;
  private static final Map<Key, byte[]> TOO_BIG = Map.of();

  private final Connection c;
  private final PreparedStatement get;
  private final PreparedStatement put;
  private final PreparedStatement touch;
  private final PreparedStatement group;
  /**
   * Per group: the rows read at its first look-up, or {@link #TOO_BIG}; the {@value #GROUPS} used last (a process
   * making functions per request must not keep a group for each). A group dropped here is read again if used.
   */
  private final Map<Key, Map<Key, byte[]>> groups = new java.util.LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, Map<Key, byte[]>> eldest) {
      if (size() <= GROUPS) {
        return false;
      }
      for (byte[] v : eldest.getValue().values()) {
        groupBytes -= v.length;
      }
      return true;
    }
  };
  private final long maxBytes;
  private final Set<Key> touched = new LinkedHashSet<>();
  private long bytesEstimate;
  private long stamp;

  /** One row to write: {@code group} is null for rows outside any group. */
  record Row(byte[] key, byte[] value, byte[] group) {}

  private record Key(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && java.util.Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(bytes);
    }
  }

  SqliteStore(Path dir, long maxBytes) throws SQLException {
    this.maxBytes = maxBytes;
    Properties p = new Properties();
    c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + dir.resolve("cache.db"), p);
    try {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout=30000");
        s.execute("PRAGMA auto_vacuum=INCREMENTAL"); // effective on a new file only: set before the first table
        switchToWal(s);
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA mmap_size=268435456");
        s.execute("CREATE TABLE IF NOT EXISTS entries(key BLOB PRIMARY KEY, value BLOB NOT NULL, "
            + "size INTEGER NOT NULL, used INTEGER NOT NULL, grp BLOB)");
        s.execute("CREATE INDEX IF NOT EXISTS entries_used ON entries(used)");
        s.execute("CREATE INDEX IF NOT EXISTS entries_grp ON entries(grp)");
      }
      get = c.prepareStatement("SELECT value FROM entries WHERE key = ?");
      put = c.prepareStatement("INSERT OR REPLACE INTO entries(key, value, size, used, grp) VALUES (?, ?, ?, ?, ?)");
      group = c.prepareStatement("SELECT key, value FROM entries WHERE grp = ? LIMIT " + (GROUP_ROWS + 1));
      touch = c.prepareStatement("UPDATE entries SET used = ? WHERE key = ?");
      bytesEstimate = storedBytes();
    } catch (SQLException | RuntimeException e) {
      try {
        c.close(); // a file that cannot be opened as the cache (not a database, damaged, locked) keeps no handle
      } catch (SQLException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /** How long opening waits for other processes that open the same new file, as long as {@code busy_timeout}. */
  private static final long OPEN_WAIT_NANOS = 30_000_000_000L;

  /**
   * Switches the file to WAL. On a new file (still in rollback mode) two connections that switch at once each hold
   * the shared lock that the other's switch must see released; SQLite breaks that deadlock by failing one of them
   * with {@code SQLITE_BUSY} at once, without its busy timeout (measured: 17 of 4,500 opens of three connections at
   * once). The one that failed tries again, after a short random pause, and then finds the file in WAL mode
   * already. Any other error, or a busy file for longer than the busy timeout, is thrown.
   */
  private static void switchToWal(Statement s) throws SQLException {
    long deadline = System.nanoTime() + OPEN_WAIT_NANOS;
    for (int attempt = 1; ; attempt++) {
      try {
        s.execute("PRAGMA journal_mode=WAL");
        return;
      } catch (SQLException e) {
        if ((e.getErrorCode() & 0xFF) != 5 /* SQLITE_BUSY */ || System.nanoTime() - deadline > 0) {
          throw e;
        }
        try {
          Thread.sleep(1 + java.util.concurrent.ThreadLocalRandom.current().nextInt(Math.min(attempt, 50) * 2));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /** The record stored under {@code key} in group {@code grp}, or null; see "Groups" in the class comment. */
  synchronized byte[] get(byte[] grp, byte[] key) throws SQLException {
    Key g = new Key(grp);
    Map<Key, byte[]> rows = groups.get(g);
    if (rows == null) {
      rows = readGroup(grp);
      groups.put(g, rows);
    }
    byte[] v = rows.get(new Key(key));
    if (v == null) {
      return get(key);
    }
    touched(key);
    return v;
  }

  /** A row this process wrote joins its group in memory, if the group was read (and the budget allows). */
  private void keepInGroup(Row row) {
    if (row.group == null) {
      return;
    }
    Map<Key, byte[]> rows = groups.get(new Key(row.group));
    if (rows != null && rows != TOO_BIG && rows.size() < GROUP_ROWS
        && groupBytes + row.value.length <= ALL_GROUPS_BYTES) {
      if (rows.put(new Key(row.key), row.value) == null) {
        groupBytes += row.value.length;
      }
    }
  }

  private Map<Key, byte[]> readGroup(byte[] grp) throws SQLException {
    Map<Key, byte[]> rows = new HashMap<>();
    long bytes = 0;
    group.setBytes(1, grp);
    try (ResultSet r = group.executeQuery()) {
      while (r.next()) {
        byte[] v = r.getBytes(2);
        bytes += v.length;
        if (rows.size() >= GROUP_ROWS || bytes > GROUP_BYTES || groupBytes + bytes > ALL_GROUPS_BYTES) {
          return TOO_BIG;
        }
        rows.put(new Key(r.getBytes(1)), v);
      }
    }
    groupBytes += bytes;
    return rows;
  }

  synchronized int groupsKept() {
    return groups.size();
  }

  /** The record stored under {@code key}, or null. */
  synchronized byte[] get(byte[] key) throws SQLException {
    get.setBytes(1, key);
    byte[] v;
    try (ResultSet r = get.executeQuery()) {
      v = r.next() ? r.getBytes(1) : null;
    }
    if (v != null) {
      touched(key);
    }
    return v;
  }

  private void touched(byte[] key) throws SQLException {
    if (maxBytes < Long.MAX_VALUE) {
      touched.add(new Key(key));
      if (touched.size() >= TOUCH_BATCH) {
        flushTouches();
      }
    }
  }

  /** Stores the rows in one transaction; committed (and visible to other processes) when this returns. */
  synchronized void put(Row... rows) throws SQLException {
    c.setAutoCommit(false);
    try {
      for (Row row : rows) {
        put.setBytes(1, row.key);
        put.setBytes(2, row.value);
        put.setLong(3, row.key.length + row.value.length);
        put.setLong(4, nextStamp());
        put.setBytes(5, row.group);
        put.executeUpdate();
        bytesEstimate += row.key.length + row.value.length;
      }
      c.commit();
      for (Row row : rows) {
        keepInGroup(row);
      }
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
    if (bytesEstimate > maxBytes) {
      evict();
    }
  }

  /** The bytes of keys and values stored, as SQLite counts them now (other processes' writes included). */
  synchronized long storedBytes() throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT total(size) FROM entries")) {
      return r.next() ? (long) r.getDouble(1) : 0;
    }
  }

  synchronized long entries() throws SQLException {
    try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM entries")) {
      return r.next() ? r.getLong(1) : 0;
    }
  }

  private long nextStamp() {
    long now = System.currentTimeMillis() << 10;
    stamp = Math.max(stamp + 1, now);
    return stamp;
  }

  private void flushTouches() throws SQLException {
    if (touched.isEmpty()) {
      return;
    }
    c.setAutoCommit(false);
    try {
      for (Key k : touched) {
        touch.setLong(1, nextStamp());
        touch.setBytes(2, k.bytes);
        touch.addBatch();
      }
      touch.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(true);
      touched.clear();
    }
  }

  /** Drops least recently used rows until the stored bytes are at most 90% of the bound. */
  private void evict() throws SQLException {
    flushTouches();
    long total = storedBytes();
    bytesEstimate = total;
    if (total <= maxBytes) {
      return;
    }
    long target = maxBytes - maxBytes / 10;
    List<byte[]> victims = new ArrayList<>();
    try (Statement s = c.createStatement();
         ResultSet r = s.executeQuery("SELECT key, size FROM entries ORDER BY used")) {
      while (total > target && r.next()) {
        victims.add(r.getBytes(1));
        total -= r.getLong(2);
      }
    }
    c.setAutoCommit(false);
    try (PreparedStatement del = c.prepareStatement("DELETE FROM entries WHERE key = ?")) {
      for (byte[] k : victims) {
        del.setBytes(1, k);
        del.addBatch();
      }
      del.executeBatch();
      c.commit();
    } finally {
      c.setAutoCommit(true);
    }
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA incremental_vacuum");
    }
    bytesEstimate = total;
  }

  @Override
  public synchronized void close() throws SQLException {
    try {
      flushTouches();
    } finally {
      c.close();
    }
  }
}
