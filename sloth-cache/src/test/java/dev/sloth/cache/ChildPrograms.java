package dev.sloth.cache;

import static dev.sloth.cache.Fns.computed;
import static dev.sloth.cache.Fns.fn1;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The programs the child-JVM tests run, one per scenario ({@code main(scenario, cacheDir, args...)}). Each prints
 * what ran ({@code RAN a,b}), values, timings and explanations on stdout for the parent to check. A child gets no
 * JVM flag: a user adds nothing to the command line.
 */
public final class ChildPrograms {
  static final Set<String> RAN = Collections.synchronizedSet(new TreeSet<>());
  static final java.util.concurrent.atomic.AtomicInteger WORK_RUNS = new java.util.concurrent.atomic.AtomicInteger();

  private ChildPrograms() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[1]);
    switch (args[0]) {
      case "pipeline" -> pipeline(dir, Integer.parseInt(args[2]), Boolean.parseBoolean(args[3]));
      case "wide" -> wide(dir, Integer.parseInt(args[2]), Integer.parseInt(args[3]));
      case "writer" -> writer(dir, Long.parseLong(args[2]), Long.parseLong(args[3]));
      case "canary" -> canary(dir, Path.of(args[2]));
      default -> throw new IllegalArgumentException(args[0]);
    }
  }

  static DiskCache open(Path dir) {
    return DiskCache.builder(dir).defaultRule(PersistRule.forced()).build();
  }

  /** Proof (a), (d), (e): a small pipeline with a cutoff point and a conditional read. */
  static void pipeline(Path dir, int x, boolean flagValue) {
    DiskCache cache = open(dir);
    Graph g = Graph.builder().persistentCache(cache).build();
    Source<Integer> in = g.source("in", x);
    Source<Boolean> flag = g.source("flag", flagValue);
    Node<Integer> abs = fn1(g, "Abs", (Integer v) -> {
      RAN.add("Abs");
      return Math.abs(v);
    }).call(in);
    Node<Integer> slow = fn1(g, "Slow", (Integer v) -> {
      RAN.add("Slow");
      return v * 10;
    }).call(abs);
    Node<Integer> a = fn1(g, "A", (Integer v) -> {
      RAN.add("A");
      return v + 1;
    }).call(slow);
    Node<Integer> b = fn1(g, "B", (Integer v) -> {
      RAN.add("B");
      return v + 2;
    }).call(slow);
    Node<Integer> z = computed(g, "Z", () -> {
      RAN.add("Z");
      return flag.get() ? a.get() : b.get();
    });
    System.out.println("VALUE " + z.get());
    System.out.println("RAN " + String.join(",", RAN));
    System.out.println("EXPLAIN Z " + cache.explain(z));
    System.out.println("EXPLAIN Abs " + cache.explain(abs));
    System.out.println("EXPLAIN Slow " + cache.explain(slow));
    cache.close();
  }

  /**
   * Proof (a) with the numbers: {@code n} nodes of {@code millis} ms each (sleeping: the work's duration
   * without loading a shared machine's cores), summed, on a sequential graph.
   */
  static void wide(Path dir, int n, int millis) {
    DiskCache cache = open(dir);
    Graph g = Graph.builder().sequential().persistentCache(cache).build();
    Fn1<Integer, Long> work = fn1(g, "Work", (Integer i) -> {
      WORK_RUNS.incrementAndGet();
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
      return (long) i * i;
    });
    List<Node<Long>> parts = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      parts.add(work.call(i));
    }
    Node<Long> sum = g.fnN("Sum", Long.class, (Fns.F1<List<Long>, Long>) l -> {
      RAN.add("Sum");
      return l.stream().mapToLong(Long::longValue).sum();
    }).call(parts);
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    long c0 = cpu.getCurrentThreadCpuTime();
    long t0 = System.nanoTime();
    long value = sum.get();
    long took = System.nanoTime() - t0;
    long cpuTook = cpu.getCurrentThreadCpuTime() - c0;
    System.out.println("VALUE " + value);
    System.out.println("WORK_RUNS " + WORK_RUNS.get());
    System.out.println("GET_NANOS " + took);
    System.out.println("GET_CPU_NANOS " + cpuTook);
    System.out.println("RAN " + String.join(",", RAN));
    cache.close();
  }

  /** The function the kill -9 and two-writer tests store and check: a 1 KiB value derived from its argument. */
  static final Fns.F1<Long, String> KILOBYTE = i -> {
    RAN.add("Kilobyte");
    return kilobyte(i);
  };

  static String kilobyte(long i) {
    StringBuilder s = new StringBuilder(1024);
    while (s.length() < 1024) {
      s.append(i).append(':');
    }
    return s.substring(0, 1024);
  }

  /**
   * Proof (f), (h): waits for "GO" on stdin, then stores {@code count} results from {@code start} on, printing
   * {@code ACK i} once each {@code get()} has returned (the result is committed by then), until killed.
   */
  static void writer(Path dir, long start, long count) throws Exception {
    DiskCache cache = open(dir);
    Graph g = Graph.builder().persistentCache(cache).build();
    Fn1<Long, String> f = g.fn1("Kilobyte", KILOBYTE);
    System.out.println("READY");
    System.out.flush();
    if (!"GO".equals(new BufferedReader(new InputStreamReader(System.in)).readLine())) {
      cache.close(); // the parent is gone (or changed its mind): write nothing
      return;
    }
    for (long i = start; i < start + count; i++) {
      f.call(i).get();
      System.out.println("ACK " + i);
      System.out.flush();
    }
    cache.close();
    System.out.println("DONE");
  }

  /**
   * Proof (g): stores one good result, then forges every record (sealed with the real secret, so only the codec
   * stands between the file and the JVM) to decode as a {@link CanaryRecord}, and runs the function again.
   */
  static void canary(Path dir, Path canaryFile) throws Exception {
    System.setProperty("sloth.canary", canaryFile.toString());
    DiskCache first = open(dir);
    Node<Integer> n1 = fn1(Graph.builder().persistentCache(first).build(), "Victim", (Integer v) -> {
      RAN.add("Victim");
      return v * 2;
    }).call(21);
    System.out.println("FIRST " + n1.get());
    first.close();
    Sealer sealer = Sealer.open(dir);
    Bytes forged = new Bytes(64).put(DiskCache.FORMAT).putVar(0) // no reads
        .put(41).putString("dev.sloth.cache.CanaryRecord").putVar(1).put(6).putZig(42); // RECORD(x = 42)
    try (Connection c = new org.sqlite.JDBC().connect("jdbc:sqlite:" + dir.resolve("cache.db"),
        new java.util.Properties())) {
      List<byte[]> keys = new ArrayList<>();
      try (ResultSet r = c.createStatement().executeQuery("SELECT key FROM entries")) {
        while (r.next()) {
          keys.add(r.getBytes(1));
        }
      }
      try (PreparedStatement p = c.prepareStatement("UPDATE entries SET value = ? WHERE key = ?")) {
        for (byte[] k : keys) {
          p.setBytes(1, sealer.seal(k, forged.array(), forged.size()));
          p.setBytes(2, k);
          p.executeUpdate();
        }
      }
      System.out.println("FORGED " + keys.size());
    }
    DiskCache second = open(dir);
    Node<Integer> n2 = fn1(Graph.builder().persistentCache(second).build(), "Victim", (Integer v) -> {
      RAN.add("Victim");
      return v * 2;
    }).call(21);
    System.out.println("SECOND " + n2.get());
    System.out.println("EXPLAIN " + second.explain(n2));
    System.out.println("STATS " + second.stats("Victim"));
    System.out.println("CANARY_BEFORE_CONTROL " + Files.exists(canaryFile));
    Class.forName("dev.sloth.cache.CanaryRecord"); // the control: initializing it does write the canary
    System.out.println("CANARY_AFTER_CONTROL " + Files.exists(canaryFile));
    second.close();
  }
}
