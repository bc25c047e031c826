package dev.sloth.cache;

import dev.sloth.graph.EvaluationException;
import dev.sloth.graph.Node;
import dev.sloth.graph.PersistentCache;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A persistent, code-aware result cache for a {@link dev.sloth.graph.Graph}: results of wrapped functions and
 * computed nodes are kept in a directory across runs, and a later JVM running the same code on the same inputs
 * recalls them instead of running anything.
 *
 * <pre>{@code
 * DiskCache cache = DiskCache.builder(Path.of(".sloth-cache")).register(Point.class).build();
 * Graph g = Graph.builder().persistentCache(cache).build();
 * Fn1<Integer, Integer> slow = g.fn("Slow", x -> { sleep(100); return x * x; });
 * slow.call(7).get();            // first JVM: runs (100 ms) and stores 49; the next JVM: recalls 49, runs nothing
 * cache.explain(slow.call(7));   // "'Slow#1' was recalled from the cache"
 * }</pre>
 *
 * <p><b>Keys.</b> A result is stored under a hash of: the cache format, codec and JDK feature versions; the function
 * name; its {@linkplain CodeVersions code version} (the normalized bytecode of every application method it can
 * reach, the identity of each library jar it reaches, the values it captured, and a declared {@link
 * PersistRule#version}); and the structural fingerprint of each argument value (a node argument by its value, so
 * a recomputed equal value upstream leaves the key unchanged: early cutoff across runs). A computed node's key has
 * no arguments; its record holds the nodes it read, in order, each with the fingerprint of the value read, and a
 * lookup re-reads them in that order, stopping at the first that changed (the engine's own rule: after a change the
 * body may take another branch, so later reads must not be computed). A read is found again in the next JVM as the
 * body's captured value at the same position; a node the body reached otherwise cannot be found, and counts as
 * changed.
 *
 * <p><b>Records</b> are sealed (CRC32C and an HMAC keyed by a per-directory secret, see {@code Sealer}); a record
 * that fails either check, or does not decode, is a miss and one warning, never an exception or a wrong value. The
 * codec ({@code Values}) never loads a class by name: only {@linkplain Builder#register registered} records and
 * enums are rebuilt. Failures are never stored.
 *
 * <p><b>Rules</b> per function name: see {@link PersistRule}. By default a result is stored when the function ran
 * longer than a load from the cache takes (the load time is measured, an average over this JVM's lookups).
 *
 * <p><b>Threads and processes.</b> Thread-safe; the engine calls it from whatever threads run nodes. Several JVMs
 * may use one directory at once (SQLite's locking; see {@code SqliteStore}).
 */
public final class DiskCache implements PersistentCache, AutoCloseable {
  static final int FORMAT = 1;
  private static final int JDK = Runtime.version().feature();
  /** The explanation of a hit, kept as this marker (the text is made only when asked for). */
  private static final String RECALLED = "recalled";
  private static final System.Logger LOG = System.getLogger(DiskCache.class.getName());
  private static final HexFormat HEX = HexFormat.of();
  private static final int MAX_EXPLANATIONS = 100_000;
  private static final String CLOSED = "the cache was closed";
  /** How many function names get counters ({@link #stats}), and how many warnings are remembered as given. */
  static final int MAX_NAMES = 10_000;
  /** The counters of a name past {@link #MAX_NAMES}: counted nowhere. */
  private static final LongAdder[] UNCOUNTED = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};

  private final Path dir;
  private final SqliteStore store;
  private final Sealer sealer;
  private final Values values;
  private final CodeVersions code;
  private final Map<String, PersistRule> rules;
  private final PersistRule defaultRule;
  /**
   * Per function object, per name it runs under: what the cache knows of it. By name too, since one object may be
   * wrapped under several names (a non-capturing lambda is one object however often its expression runs), and a
   * name's rule ({@code version}, {@code codeIncludes}) is part of its code version.
   */
  private final Map<Object, Map<String, FnInfo>> functions = Collections.synchronizedMap(new WeakHashMap<>());
  private final ConcurrentHashMap<String, LongAdder[]> counts = new ConcurrentHashMap<>();
  /** Per node name: {@link #RECALLED} or the text of why it ran (bounded by {@link #MAX_EXPLANATIONS}). */
  private final ConcurrentHashMap<String, String> explanations = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  /**
   * The average time of a lookup that found a record (reading, checking and decoding it; not the re-verification of
   * its reads, which may compute other nodes), in nanoseconds: the "load time" of the cheapness rule.
   */
  private volatile long loadNanos = 20_000;
  /** Set by {@link #close}: nodes still run through the cache run unpersisted, and say why. */
  private volatile boolean closed;

  /** What the cache knows of one function object: its code version, or why it cannot be persisted. */
  private record FnInfo(CodeVersions.Version version, byte[] group, String unanalysable) {}

  private DiskCache(Builder b) {
    this.dir = b.dir;
    this.values = new Values(b.registered); // first: a class that cannot be registered fails before a file is open
    this.code = new CodeVersions(values);
    values.fingerprintTypeCode(code::typeCode);
    try {
      if (!Files.isDirectory(dir)) {
        try {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createDirectories(dir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cache directory " + dir, e);
    }
    this.sealer = Sealer.open(dir);
    try {
      this.store = new SqliteStore(dir, b.maxBytes);
    } catch (SQLException e) {
      int error = e.getErrorCode() & 0xFF;
      throw new IllegalStateException("cannot open the cache database " + dir.resolve("cache.db") + ": "
          + e.getMessage() + (error == 11 /* SQLITE_CORRUPT */ || error == 26 /* SQLITE_NOTADB */
          ? "; the file is damaged or not a cache database: delete it and the cache starts afresh" : ""), e);
    }
    this.rules = Map.copyOf(b.rules);
    this.defaultRule = b.defaultRule;
  }

  /**
   * A builder for a cache kept in {@code dir} (created if absent, owner-only).
   *
   * @param dir the cache directory
   * @return a builder with the default settings
   */
  public static Builder builder(Path dir) {
    return new Builder(Objects.requireNonNull(dir, "dir"));
  }

  // ------------------------------------------------------------------------------------------- the hook

  @Override
  public Object run(Call call) throws Exception {
    // The name a function's rule, key and counts go by: the name it was wrapped with, for a computed node the name it
    // was given (Call#functionName), so that rule("Now", notPersisted()) holds for every node named "Now" (the second
    // live one is shown as Now#2), and a node's key does not depend on how many of its name were made before it.
    String fn = call.functionName();
    String node = call.node().name();
    PersistRule rule = rules.getOrDefault(fn, defaultRule);
    Object function = call.function();
    if (function.getClass().getPackageName().equals("dev.sloth.graph")
        || function instanceof Class<?> c && c.getPackageName().equals("dev.sloth.graph")) {
      return call.proceed(); // the engine's own helpers (multi-output projections): cheap by construction
    }
    if (!rule.isPersisted()) {
      return unstored(call, fn, node, "not persisted: its rule is notPersisted()");
    }
    if (closed) {
      warnOnce("closed", CLOSED + " (" + this + "); the graph's nodes run unpersisted");
      return unstored(call, fn, node, "not persisted: " + CLOSED);
    }
    FnInfo info = info(fn, function, rule);
    if (info.unanalysable != null) {
      warnOnce("fn " + fn, "function '" + fn + "' is not persisted: " + info.unanalysable);
      return unstored(call, fn, node, "not persisted: " + info.unanalysable);
    }
    List<Object> args = call.arguments();
    byte[][] argFps = new byte[args.size()][];
    try {
      for (int i = 0; i < argFps.length; i++) {
        argFps[i] = values.fingerprint(args.get(i), "argument " + (i + 1) + " of '" + node + "'");
      }
    } catch (UnsupportedValueException e) {
      if (rule.isSkippingUnsupported()) {
        warnOnce("arg " + fn, e.getMessage() + "; its results are not persisted");
        return unstored(call, fn, node, "not persisted: " + e.getMessage());
      }
      throw e;
    }
    byte[] key = key(fn, info.version, argFps);
    Object jfr = CacheEvents.begin();
    Found found = lookup(node, key, info);
    if (found.hit) {
      loadNanos = (loadNanos * 7 + found.loadNanos) / 8; // a racy average is still an average
      counters(fn)[0].increment();
      CacheEvents.hit(jfr, node, fn);
      explain(node, RECALLED);
      return call.isAsynchronous() ? CompletableFuture.completedFuture(found.value) : found.value;
    }
    String reason = found.reason != null ? found.reason : missReason(node, fn, info.version, argFps);
    counters(fn)[1].increment();
    CacheEvents.miss(jfr, node, fn, reason);
    explain(node, "'" + node + "' ran: " + reason);
    long runStart = System.nanoTime();
    Object result = call.proceed(); // what it throws propagates: failures are never stored
    if (call.isAsynchronous() && result instanceof CompletionStage<?> stage) {
      return stage.thenApply(v -> {
        persist(call, fn, node, rule, key, info, argFps, System.nanoTime() - runStart, v, reason);
        return v;
      });
    }
    persist(call, fn, node, rule, key, info, argFps, System.nanoTime() - runStart, result, reason);
    return result;
  }

  /** A lookup's outcome: a recalled value, or a miss with its reason (null: no record under the key). */
  private record Found(boolean hit, Object value, String reason, long loadNanos) {
    static final Found NONE = new Found(false, null, null, 0);

    static Found miss(String reason) {
      return new Found(false, null, reason, 0);
    }
  }

  private static byte[] key(String fn, CodeVersions.Version version, byte[][] argFps) {
    Bytes k = new Bytes(64 + 16 * argFps.length);
    k.putVar(FORMAT).putVar(Values.VERSION).putVar(JDK).putString(fn).put(version.hash());
    k.putVar(argFps.length);
    for (byte[] f : argFps) {
      k.put(f);
    }
    return Values.hash(k.array(), 0, k.size());
  }

  /** The group of a function's results: its name and code version (see {@code SqliteStore}). */
  private static byte[] group(String fn, CodeVersions.Version version) {
    Bytes k = new Bytes(64);
    k.putVar(FORMAT).putVar(Values.VERSION).putVar(JDK).putString("group").putString(fn).put(version.hash());
    return Values.hash(k.array(), 0, k.size());
  }

  private static byte[] siteKey(String node) {
    Bytes k = new Bytes(32);
    k.putVar(FORMAT).putString("site").putString(node);
    return Values.hash(k.array(), 0, k.size());
  }

  /**
   * Reads the record under {@code key}, checks its seal, re-verifies its reads in order (stopping at the first
   * that changed), and decodes the value. Runs with the node claimed and as its computation, so the reads made here
   * are recorded as the node's reads.
   */
  private Found lookup(String node, byte[] key, FnInfo info) {
    long t0 = System.nanoTime();
    byte[] rec;
    try {
      rec = store.get(info.group, key);
    } catch (SQLException e) {
      if (closed) { // closed while this lookup ran: not a fault of the database
        return Found.miss(CLOSED);
      }
      warnOnce("db-read", "the cache database in " + dir + " cannot be read (" + e.getMessage() + "); running "
          + "functions instead");
      return Found.miss("the cache database could not be read");
    }
    if (rec == null) {
      return Found.NONE;
    }
    try {
      Bytes.Reader in = new Bytes.Reader(rec, 0, sealer.check(key, rec));
      if (in.get() != FORMAT) {
        throw new Bytes.Corrupt("corrupt: an unknown record format");
      }
      int reads = in.getLength(1);
      long read = System.nanoTime(); // the re-verified reads may compute other nodes: not part of a load
      for (int i = 0; i < reads; i++) {
        int captured = (int) in.getVar();
        String name = in.getString();
        byte[] fp = in.get(16);
        List<Object> cs = info.version.captured();
        Node<?> n = captured > 0 && captured <= cs.size() && cs.get(captured - 1) instanceof Node<?> c
            && c.name().equals(name) ? c : null;
        if (n == null) {
          return Found.miss("read " + (i + 1) + " ('" + name + "') is not a node its function captured, so it "
              + "cannot be re-verified without running it");
        }
        Object v;
        try {
          v = n.get();
        } catch (RuntimeException failedOrCycle) {
          return Found.miss("read " + (i + 1) + " ('" + name + "') failed");
        }
        if (!Arrays.equals(fp, fingerprintOrNull(v))) {
          return Found.miss("read " + (i + 1) + " ('" + name + "') changed");
        }
      }
      long decode = System.nanoTime();
      Object value = values.decode(in);
      if (!in.atEnd()) {
        throw new Bytes.Corrupt("corrupt: bytes after the value");
      }
      return new Found(true, value, null, (read - t0) + (System.nanoTime() - decode));
    } catch (Bytes.Corrupt e) {
      warnOnce("record " + HEX.formatHex(key), "the cached record for '" + node + "' in " + dir + " is "
          + e.getMessage() + "; treated as a miss (the node runs, and its new result replaces the record)");
      return Found.miss("its stored record was rejected as " + e.getMessage());
    }
  }

  private byte[] fingerprintOrNull(Object v) {
    try {
      return values.fingerprint(v, "a read value");
    } catch (UnsupportedValueException e) {
      return null;
    }
  }

  /** Stores a successful run's result, its reads and the node's site record (for {@link #explain}). */
  private void persist(Call call, String fn, String node, PersistRule rule, byte[] key, FnInfo info, byte[][] argFps,
      long runNanos, Object value, String reason) {
    long load = loadNanos;
    if (!rule.isForced() && runNanos < load) {
      counters(fn)[3].increment();
      explain(node, "'" + node + "' ran: " + reason + "; not stored: it ran in " + runNanos / 1000 + " us and a "
          + "load takes about " + load / 1000 + " us (PersistRule.forced() stores it anyway)");
      return;
    }
    Bytes out = new Bytes(256);
    out.put(FORMAT);
    List<Node<?>> reads = call.reads();
    out.putVar(reads.size());
    for (Node<?> r : reads) {
      out.putVar(indexOf(info.version.captured(), r) + 1).putString(r.name());
      byte[] fp;
      try {
        fp = values.fingerprint(r.get(), "the value of '" + r.name() + "', read by '" + node + "'");
      } catch (EvaluationException failed) {
        counters(fn)[3].increment();
        return; // the body caught a failed read: its result depends on a failure, which is never stored
      } catch (UnsupportedValueException e) {
        unsupported(fn, node, rule, e);
        return;
      }
      out.put(fp);
    }
    try {
      values.encode(value, out);
    } catch (UnsupportedValueException e) {
      unsupported(fn, node, rule, e);
      return;
    }
    byte[] sealed = sealer.seal(key, out.array(), out.size());
    Bytes site = new Bytes(256);
    List<byte[]> fps = new ArrayList<>(Arrays.asList(argFps));
    values.encode(List.of(fn, new TreeMap<>(info.version.parts()), fps), site);
    byte[] siteKey = siteKey(node);
    try {
      store.put(new SqliteStore.Row(key, sealed, info.group),
          new SqliteStore.Row(siteKey, sealer.seal(siteKey, site.array(), site.size()), null));
      counters(fn)[2].increment();
    } catch (SQLException e) {
      counters(fn)[3].increment();
      if (!closed) { // closed while this run ran: not a fault of the database
        warnOnce("db-write", "the cache database in " + dir + " cannot be written (" + e.getMessage() + "); results"
            + " are not persisted");
      }
    }
  }

  private void unsupported(String fn, String node, PersistRule rule, UnsupportedValueException e) {
    counters(fn)[3].increment();
    if (rule.isSkippingUnsupported()) {
      warnOnce("value " + fn, "the result of '" + node + "' is not persisted: " + e.getMessage());
      return;
    }
    throw new UnsupportedValueException("the result of '" + node + "' cannot be persisted: " + e.getMessage()
        + " (or give '" + fn + "' the rule PersistRule.defaults().skippingUnsupported(), or notPersisted())");
  }

  private static int indexOf(List<Object> captured, Object node) {
    for (int i = 0; i < captured.size(); i++) {
      if (captured.get(i) == node) {
        return i;
      }
    }
    return -1;
  }

  /** Which part of the key changed since the result stored for this node, from its site record. */
  @SuppressWarnings("unchecked")
  private String missReason(String node, String fn, CodeVersions.Version version, byte[][] argFps) {
    List<Object> old;
    try {
      byte[] siteKey = siteKey(node);
      byte[] rec = store.get(siteKey);
      if (rec == null) {
        return "no result was stored for it before";
      }
      Bytes.Reader in = new Bytes.Reader(rec, 0, sealer.check(siteKey, rec));
      old = (List<Object>) values.decode(in);
    } catch (SQLException | Bytes.Corrupt | ClassCastException e) {
      return "no result matched (its earlier key cannot be read: " + e.getMessage() + ")";
    }
    if (!fn.equals(old.get(0))) {
      return "it was a call of '" + old.get(0) + "' before";
    }
    List<String> changes = new ArrayList<>();
    Map<String, String> before = (Map<String, String>) old.get(1);
    SortedMap<String, String> now = version.parts();
    for (String part : new java.util.TreeSet<>(union(before.keySet(), now.keySet()))) {
      String a = before.get(part);
      String b = now.get(part);
      if (Objects.equals(a, b)) {
        continue;
      }
      if (part.startsWith("method ")) {
        String m = part.substring(7);
        changes.add(a == null ? "method " + m + " is reached now" : b == null ? "method " + m + " is no longer reached"
            : "the code of method " + m + " changed");
      } else if (part.equals("version")) {
        changes.add("its declared version changed from " + a + " to " + b);
      } else if (part.equals("root")) {
        changes.add("its implementation changed from " + a + " to " + b);
      } else {
        changes.add(part + (a == null ? " is new" : b == null ? " is gone" : " changed"));
      }
    }
    if (!changes.isEmpty()) {
      return String.join("; ", changes);
    }
    List<byte[]> oldFps = (List<byte[]>) old.get(2);
    if (oldFps.size() != argFps.length) {
      return "it has " + argFps.length + " arguments now and had " + oldFps.size();
    }
    for (int i = 0; i < argFps.length; i++) {
      if (!Arrays.equals(oldFps.get(i), argFps[i])) {
        changes.add("argument " + (i + 1) + " changed");
      }
    }
    return changes.isEmpty() ? "its stored result is gone (evicted, or never stored under this key)"
        : String.join("; ", changes);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new LinkedHashSet<>(a);
    u.addAll(b);
    return u;
  }

  private Object unstored(Call call, String fn, String node, String reason) throws Exception {
    counters(fn)[1].increment();
    counters(fn)[3].increment();
    explain(node, "'" + node + "' ran: " + reason);
    return call.proceed();
  }

  private FnInfo info(String callName, Object function, PersistRule rule) {
    Map<String, FnInfo> byName = functions.computeIfAbsent(function, f -> new ConcurrentHashMap<>(2));
    FnInfo known = byName.get(callName);
    if (known != null) {
      return known;
    }
    FnInfo i;
    try {
      CodeVersions.Version v = code.of(function, rule);
      i = new FnInfo(v, group(callName, v), null);
    } catch (CodeVersions.Unanalysable e) {
      i = new FnInfo(null, null, e.getMessage());
    }
    byName.put(callName, i);
    return i;
  }

  private LongAdder[] counters(String fn) {
    LongAdder[] c = counts.get(fn);
    if (c != null) {
      return c;
    }
    if (counts.size() >= MAX_NAMES) {
      return UNCOUNTED; // a process making functions per request ("price-" + id) must not keep counters for each
    }
    return counts.computeIfAbsent(fn, k -> new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(),
        new LongAdder()});
  }

  private void explain(String node, String text) {
    if (explanations.size() < MAX_EXPLANATIONS || explanations.containsKey(node)) {
      explanations.put(node, text);
    }
  }

  private void warnOnce(String what, String message) {
    if (warned.size() < MAX_NAMES ? warned.add(what) : !warned.contains(what)) { // past the bound: not remembered
      LOG.log(Level.WARNING, message);
    }
  }

  // ------------------------------------------------------------------------------------------- inspection

  /**
   * Why {@code node} last ran or did not, in this JVM: recalled, or which part of its key changed since the result
   * stored for it (which method's code, which library, which captured value, which argument, which read), or why
   * it is not persisted.
   *
   * <pre>{@code
   * cache.explain(total)   // "'Total' ran: the code of method demo.Prices.tax(D)D changed"
   * }</pre>
   *
   * @param node a node of a graph using this cache
   * @return one sentence
   */
  public String explain(Node<?> node) {
    String e = explanations.get(node.name());
    if (e == RECALLED) {
      return "'" + node.name() + "' was recalled from the cache";
    }
    return e != null ? e : "'" + node.name() + "' has not been looked up in this cache by this JVM";
  }

  /**
   * This JVM's hit and miss counts for function {@code name} (zeros if it never ran through the cache, or if it is
   * not among the first 10,000 names this cache counted: memory does not grow with every name).
   *
   * @param name a function's name, or the name computed nodes were given (all nodes given it count here, {@code
   *     name#2} too)
   * @return its counts
   */
  public FunctionStats stats(String name) {
    LongAdder[] c = counts.get(name);
    return c == null ? new FunctionStats(name, 0, 0, 0, 0)
        : new FunctionStats(name, c[0].sum(), c[1].sum(), c[2].sum(), c[3].sum());
  }

  /**
   * Every function's counts, by name.
   *
   * @return an immutable map sorted by name
   */
  public Map<String, FunctionStats> stats() {
    Map<String, FunctionStats> out = new TreeMap<>();
    for (String fn : counts.keySet()) {
      out.put(fn, stats(fn));
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The directory the cache lives in.
   *
   * @return the directory given to {@link #builder}
   */
  public Path directory() {
    return dir;
  }

  /**
   * The bytes of keys and values stored now (all processes' writes), as bounded by {@link Builder#maxBytes}.
   *
   * @return the stored bytes
   * @throws IllegalStateException if the cache was closed, or the database cannot be read
   */
  public long storedBytes() {
    if (closed) {
      throw new IllegalStateException(CLOSED + ": " + this);
    }
    try {
      return store.storedBytes();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the cache database in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Writes pending use stamps and closes the database. A node run through the cache afterwards runs unpersisted (its
   * {@link #explain} says the cache was closed, and one warning); closing again does nothing.
   */
  @Override
  public void close() {
    closed = true;
    try {
      store.close();
    } catch (SQLException e) {
      LOG.log(Level.WARNING, "closing the cache database in " + dir + " failed: " + e.getMessage());
    }
  }

  /** For tests: how many names have counters, and how many groups the store keeps in memory. */
  int[] trackedForTests() {
    return new int[] {counts.size(), store.groupsKept()};
  }

  @Override
  public String toString() {
    return "DiskCache[" + dir + "]";
  }

  /**
   * Settings for a {@link DiskCache}.
   *
   * <pre>{@code
   * DiskCache cache = DiskCache.builder(dir).maxBytes(1L << 30).register(Point.class, Color.class)
   *     .rule("Now", PersistRule.notPersisted()).build();
   * }</pre>
   */
  public static final class Builder {
    private final Path dir;
    private long maxBytes = Long.MAX_VALUE;
    private final Set<Class<?>> registered = new LinkedHashSet<>();
    private final Map<String, PersistRule> rules = new HashMap<>();
    private PersistRule defaultRule = PersistRule.defaults();

    private Builder(Path dir) {
      this.dir = dir;
    }

    /**
     * Keeps the stored bytes at most {@code bytes}: the least recently used results go first.
     *
     * @param bytes the bound, at least 1
     * @return this builder
     */
    public Builder maxBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxBytes must be at least 1, was " + bytes);
      }
      this.maxBytes = bytes;
      return this;
    }

    /**
     * Lets values of these records and enums be stored and rebuilt (nothing else of the user's ever is).
     *
     * @param types records and enums
     * @return this builder
     */
    public Builder register(Class<?>... types) {
      for (Class<?> t : types) {
        Objects.requireNonNull(t, "register was given a null class");
        registered.add(t);
      }
      return this;
    }

    /**
     * The rule for the function named {@code function}, or for every computed node given that name.
     *
     * @param function the name it was wrapped with
     * @param rule its rule
     * @return this builder
     */
    public Builder rule(String function, PersistRule rule) {
      rules.put(Objects.requireNonNull(function, "function"), Objects.requireNonNull(rule, "rule"));
      return this;
    }

    /**
     * The rule for every function without a rule of its own ({@link PersistRule#defaults()} unless given).
     *
     * @param rule the rule
     * @return this builder
     */
    public Builder defaultRule(PersistRule rule) {
      this.defaultRule = Objects.requireNonNull(rule, "rule");
      return this;
    }

    /**
     * Opens the cache (creating its directory, secret and database if absent).
     *
     * @return the open cache; close it when done
     */
    public DiskCache build() {
      return new DiskCache(this);
    }
  }
}
