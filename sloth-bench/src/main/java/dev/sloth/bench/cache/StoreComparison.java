package dev.sloth.bench.cache;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The measurement that chose sloth-cache's store: SQLite (sqlite-jdbc), H2 MVStore, LMDB (lmdbjava) and RocksDB
 * (rocksdbjni) on one workload, in one run, each in child JVMs of its own so that native libraries and JIT state do
 * not leak from one store to the next.
 *
 * <p>Per store: open time (first open in a fresh JVM, native library loading included), durable single put
 * (each put committed and synced before the next), batched put (1,000 puts per commit), get (random keys, 1 KiB
 * values, warm), size on disk for 10,000 such entries, {@code kill -9} rounds (a writer child acknowledges each
 * durable put on stdout and is killed at a random point; the parent reopens and checks every acknowledged entry),
 * two processes writing the same directory at once, and whether it opens with no JVM flag.
 *
 * <pre>{@code
 * ./mvnw -B -q -pl sloth-bench -am package -DskipTests
 * flock /tmp/jmh.lock java -cp sloth-bench/target/benchmarks.jar dev.sloth.bench.cache.StoreComparison
 * }</pre>
 */
public final class StoreComparison {
  static final int VALUE_BYTES = 1024;

  private StoreComparison() {}

  /** A key-value store behind the same four operations. */
  interface Store extends AutoCloseable {
    void put(byte[] k, byte[] v) throws Exception; // durable: committed and synced

    void putBatch(List<byte[]> keys, List<byte[]> values) throws Exception; // one commit

    byte[] get(byte[] k) throws Exception;

    @Override
    void close() throws Exception;
  }

  static Store open(String kind, Path dir) throws Exception {
    Files.createDirectories(dir);
    return switch (kind) {
      case "sqlite" -> new Sqlite(dir);
      case "h2" -> new H2(dir);
      case "lmdb" -> new Lmdb(dir);
      case "rocksdb" -> new Rocks(dir);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  // ---------------------------------------------------------------------------------------------- the stores

  static final class Sqlite implements Store {
    final Connection c;
    final PreparedStatement put;
    final PreparedStatement get;

    Sqlite(Path dir) throws SQLException {
      c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("kv.db"));
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA busy_timeout=10000");
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=FULL");
        s.execute("CREATE TABLE IF NOT EXISTS kv(k BLOB PRIMARY KEY, v BLOB NOT NULL)");
      }
      put = c.prepareStatement("INSERT OR REPLACE INTO kv(k, v) VALUES (?, ?)");
      get = c.prepareStatement("SELECT v FROM kv WHERE k = ?");
    }

    @Override
    public void put(byte[] k, byte[] v) throws SQLException {
      put.setBytes(1, k);
      put.setBytes(2, v);
      put.executeUpdate();
    }

    @Override
    public void putBatch(List<byte[]> keys, List<byte[]> values) throws SQLException {
      c.setAutoCommit(false);
      for (int i = 0; i < keys.size(); i++) {
        put.setBytes(1, keys.get(i));
        put.setBytes(2, values.get(i));
        put.executeUpdate();
      }
      c.commit();
      c.setAutoCommit(true);
    }

    @Override
    public byte[] get(byte[] k) throws SQLException {
      get.setBytes(1, k);
      try (ResultSet r = get.executeQuery()) {
        return r.next() ? r.getBytes(1) : null;
      }
    }

    @Override
    public void close() throws SQLException {
      c.close();
    }
  }

  static final class H2 implements Store {
    final org.h2.mvstore.MVStore s;
    final org.h2.mvstore.MVMap<byte[], byte[]> map;

    H2(Path dir) {
      s = new org.h2.mvstore.MVStore.Builder().fileName(dir.resolve("kv.mv").toString()).autoCommitDisabled().open();
      map = s.openMap("kv");
    }

    @Override
    public void put(byte[] k, byte[] v) {
      map.put(k, v);
      s.commit();
      s.sync();
    }

    @Override
    public void putBatch(List<byte[]> keys, List<byte[]> values) {
      for (int i = 0; i < keys.size(); i++) {
        map.put(keys.get(i), values.get(i));
      }
      s.commit();
      s.sync();
    }

    @Override
    public byte[] get(byte[] k) {
      return map.get(k);
    }

    @Override
    public void close() {
      s.close();
    }
  }

  static final class Lmdb implements Store {
    final org.lmdbjava.Env<java.nio.ByteBuffer> env;
    final org.lmdbjava.Dbi<java.nio.ByteBuffer> db;
    final java.nio.ByteBuffer kb = java.nio.ByteBuffer.allocateDirect(511);
    final java.nio.ByteBuffer vb = java.nio.ByteBuffer.allocateDirect(64 * 1024);

    Lmdb(Path dir) {
      env = org.lmdbjava.Env.create().setMapSize(1L << 30).setMaxDbs(1).setMaxReaders(64).open(dir.toFile());
      db = env.openDbi("kv", org.lmdbjava.DbiFlags.MDB_CREATE);
    }

    private void fill(byte[] k, byte[] v) {
      kb.clear();
      kb.put(k).flip();
      vb.clear();
      vb.put(v).flip();
    }

    @Override
    public void put(byte[] k, byte[] v) {
      try (var t = env.txnWrite()) {
        fill(k, v);
        db.put(t, kb, vb);
        t.commit();
      }
    }

    @Override
    public void putBatch(List<byte[]> keys, List<byte[]> values) {
      try (var t = env.txnWrite()) {
        for (int i = 0; i < keys.size(); i++) {
          fill(keys.get(i), values.get(i));
          db.put(t, kb, vb);
        }
        t.commit();
      }
    }

    @Override
    public byte[] get(byte[] k) {
      try (var t = env.txnRead()) {
        kb.clear();
        kb.put(k).flip();
        java.nio.ByteBuffer found = db.get(t, kb);
        if (found == null) {
          return null;
        }
        byte[] out = new byte[found.remaining()];
        found.get(out);
        return out;
      }
    }

    @Override
    public void close() {
      db.close();
      env.close();
    }
  }

  static final class Rocks implements Store {
    final org.rocksdb.RocksDB db;
    final org.rocksdb.Options options;
    final org.rocksdb.WriteOptions sync;

    Rocks(Path dir) throws org.rocksdb.RocksDBException {
      org.rocksdb.RocksDB.loadLibrary();
      sync = new org.rocksdb.WriteOptions().setSync(true);
      options = new org.rocksdb.Options().setCreateIfMissing(true);
      db = org.rocksdb.RocksDB.open(options, dir.resolve("kv.rocks").toString());
    }

    @Override
    public void put(byte[] k, byte[] v) throws org.rocksdb.RocksDBException {
      db.put(sync, k, v);
    }

    @Override
    public void putBatch(List<byte[]> keys, List<byte[]> values) throws org.rocksdb.RocksDBException {
      try (var b = new org.rocksdb.WriteBatch()) {
        for (int i = 0; i < keys.size(); i++) {
          b.put(keys.get(i), values.get(i));
        }
        db.write(sync, b);
      }
    }

    @Override
    public byte[] get(byte[] k) throws org.rocksdb.RocksDBException {
      return db.get(k);
    }

    @Override
    public void close() {
      db.close();
      options.close();
    }
  }

  // ---------------------------------------------------------------------------------------------- workload

  static byte[] key(long i) {
    return ("key-" + i).getBytes(StandardCharsets.UTF_8);
  }

  /** A deterministic 1 KiB value for key {@code i}, so that a reader can tell a wrong value from a right one. */
  static byte[] value(long i) {
    byte[] v = new byte[VALUE_BYTES];
    new Random(i * 0x9E3779B97F4A7C15L).nextBytes(v);
    return v;
  }

  /** Child: measure one store in a fresh JVM and print one line of results. */
  static void measure(String kind, Path dir) throws Exception {
    long t0 = System.nanoTime();
    Store s = open(kind, dir);
    long openNs = System.nanoTime() - t0;
    int singles = 200;
    long t1 = System.nanoTime();
    for (int i = 0; i < singles; i++) {
      s.put(key(1_000_000 + i), value(i));
    }
    double singleUs = (System.nanoTime() - t1) / 1e3 / singles;
    int entries = 10_000;
    long t2 = System.nanoTime();
    for (int b = 0; b < entries; b += 1000) {
      List<byte[]> ks = new ArrayList<>(1000);
      List<byte[]> vs = new ArrayList<>(1000);
      for (int i = b; i < b + 1000; i++) {
        ks.add(key(i));
        vs.add(value(i));
      }
      s.putBatch(ks, vs);
    }
    double batchUs = (System.nanoTime() - t2) / 1e3 / entries;
    Random r = new Random(7);
    for (int i = 0; i < 20_000; i++) { // warm-up
      s.get(key(r.nextInt(entries)));
    }
    int gets = 50_000;
    long t3 = System.nanoTime();
    long check = 0;
    for (int i = 0; i < gets; i++) {
      check += s.get(key(r.nextInt(entries))).length;
    }
    double getUs = (System.nanoTime() - t3) / 1e3 / gets;
    if (check != (long) gets * VALUE_BYTES) {
      throw new AssertionError("wrong values");
    }
    s.close();
    long bytes;
    try (Stream<Path> files = Files.walk(dir)) {
      bytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    System.out.printf("RESULT %s open_ms=%.1f single_put_us=%.1f batch_put_us=%.2f get_us=%.2f size_mib=%.1f%n",
        kind, openNs / 1e6, singleUs, batchUs, getUs, bytes / 1048576.0);
  }

  /** Child: durable puts from {@code start} on, acknowledging each on stdout, until killed or {@code count} done. */
  static void write(String kind, Path dir, long start, long count) throws Exception {
    try (Store s = open(kind, dir)) {
      System.out.println("OPEN");
      System.out.flush();
      for (long i = start; i < start + count; i++) {
        s.put(key(i), value(i));
        System.out.println("ACK " + i);
        System.out.flush();
      }
    }
    System.out.println("DONE");
  }

  /** Child: checks that every key in the ranges ("from-to,...", to exclusive) is present with its value. */
  static void check(String kind, Path dir, String ranges) throws Exception {
    int lost = 0;
    int wrong = 0;
    try (Store s = open(kind, dir)) {
      for (String range : ranges.isEmpty() ? new String[0] : ranges.split(",")) {
       long from = Long.parseLong(range.split("-")[0]);
       long to = Long.parseLong(range.split("-")[1]);
       for (long i = from; i < to; i++) {
        byte[] v = s.get(key(i));
        if (v == null) {
          lost++;
        } else if (!Arrays.equals(v, value(i))) {
          wrong++;
        }
       }
      }
    }
    System.out.println("CHECK lost=" + lost + " wrong=" + wrong);
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && !args[0].equals("--stores")) {
      switch (args[0]) {
        case "measure" -> measure(args[1], Path.of(args[2]));
        case "write" -> write(args[1], Path.of(args[2]), Long.parseLong(args[3]), Long.parseLong(args[4]));
        case "check" -> check(args[1], Path.of(args[2]), args.length > 3 ? args[3] : "");
        default -> throw new IllegalArgumentException(args[0]);
      }
      return;
    }
    List<String> stores = args.length > 1 ? List.of(args[1].split(",")) : List.of("sqlite", "h2", "lmdb", "rocksdb");
    Path root = Files.createTempDirectory("sloth-store-comparison");
    List<String> flags = List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED");
    System.out.println("| store | opens with no JVM flag | open (ms) | durable single put (us) | batched put (us/entry)"
        + " | get (us) | size of 10,000 x 1 KiB (MiB) | kill -9: lost / wrong after 5 rounds | two processes at once |");
    System.out.println("|---|---|---|---|---|---|---|---|---|");
    for (String kind : stores) {
      Path dir = root.resolve(kind);
      String bare = run(List.of(), "measure", kind, root.resolve(kind + "-bare").toString());
      boolean opensBare = bare.contains("RESULT");
      String flagNote = opensBare ? (bare.contains("WARNING") ? "yes (warns: " + warning(bare) + ")" : "yes")
          : "no: " + firstError(bare);
      String m = run(flags, "measure", kind, dir.toString());
      String kill = killRounds(kind, root.resolve(kind + "-kill"), flags, 5);
      String two = twoWriters(kind, root.resolve(kind + "-two"), flags);
      System.out.println("| " + kind + " | " + flagNote + " | " + field(m, "open_ms") + " | " + field(m, "single_put_us")
          + " | " + field(m, "batch_put_us") + " | " + field(m, "get_us") + " | " + field(m, "size_mib") + " | " + kill
          + " | " + two + " |");
    }
    deleteTree(root);
  }

  private static String warning(String out) {
    return out.lines().filter(l -> l.startsWith("WARNING:")).findFirst().orElse("").replace("WARNING: ", "")
        .replace("|", "/");
  }

  private static String firstError(String out) {
    return out.lines().filter(l -> l.contains("Exception") || l.contains("Error")).findFirst().orElse("?")
        .replace("|", "/");
  }

  private static String field(String out, String name) {
    for (String part : out.lines().filter(l -> l.startsWith("RESULT")).findFirst().orElse("").split(" ")) {
      if (part.startsWith(name + "=")) {
        return part.substring(name.length() + 1);
      }
    }
    return "failed: " + firstError(out);
  }

  private static String killRounds(String kind, Path dir, List<String> flags, int rounds) throws Exception {
    Random r = new Random(42);
    long next = 0;
    List<String> ranges = new ArrayList<>();
    long acked = 0;
    for (int round = 0; round < rounds; round++) {
      Process p = child(flags, "write", kind, dir.toString(), Long.toString(next), "1000000");
      long last = next - 1;
      int target = 5 + r.nextInt(60);
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
        String line;
        int seen = 0;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            last = Long.parseLong(line.substring(4));
            if (++seen >= target) {
              p.destroyForcibly(); // kill -9, between or during puts
              break;
            }
          }
        }
      }
      p.waitFor(30, TimeUnit.SECONDS);
      if (last >= next) {
        ranges.add(next + "-" + (last + 1));
        acked += last - next + 1;
      }
      next = last + 2; // the key after the last acknowledged one may be half written: never checked
    }
    String check = run(flags, "check", kind, dir.toString(), String.join(",", ranges));
    String line = check.lines().filter(l -> l.startsWith("CHECK")).findFirst().orElse(null);
    if (line == null) {
      return "reopen failed: " + firstError(check);
    }
    return line.replaceAll(".*lost=(\\d+).*", "$1") + " / " + line.replaceAll(".*wrong=(\\d+).*", "$1") + " of "
        + acked + " acked";
  }

  private static String twoWriters(String kind, Path dir, List<String> flags) throws Exception {
    Process a = child(flags, "write", kind, dir.toString(), "0", "200");
    Process b = child(flags, "write", kind, dir.toString(), "100000", "200");
    String oa = new String(a.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String ob = new String(b.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    a.waitFor(60, TimeUnit.SECONDS);
    b.waitFor(60, TimeUnit.SECONDS);
    boolean okA = oa.contains("DONE");
    boolean okB = ob.contains("DONE");
    if (okA && okB) {
      return "yes";
    }
    return "no: " + firstError(okA ? ob : oa);
  }

  private static String run(List<String> flags, String... args) throws Exception {
    Process p = child(flags, args);
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(300, TimeUnit.SECONDS)) {
      p.destroyForcibly();
    }
    return out;
  }

  private static Process child(List<String> flags, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(flags);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(StoreComparison.class.getName());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
