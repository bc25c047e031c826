package dev.sloth.bench.cluster;

import dev.sloth.cluster.Cluster;
import dev.sloth.cluster.RemoteNode;
import dev.sloth.graph.Graph;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cluster numbers that are not latencies, on three member JVMs over loopback:
 *
 * <ul>
 *   <li><b>Fan-in bytes</b>: 12 intermediates of 1 MiB each, made where the scheduler puts them, then one node
 *       reading all of them; the bytes the members moved (counted by the members) beside the minimum (the inputs
 *       not held where the reader ran).
 *   <li><b>Driver heap per node</b>: a wide graph of {@code n} trivial remote nodes, sums of 1,000 of them and the
 *       sum of those, evaluated;
 *       the driver's heap in use after full collections, minus a baseline taken before recording, per node. Its
 *       time gives nodes per second.
 * </ul>
 *
 * <pre>{@code
 * java -Xmx2g -cp sloth-bench/target/benchmarks.jar dev.sloth.bench.cluster.ClusterNumbers 1000000
 * }</pre>
 */
public final class ClusterNumbers {
  private ClusterNumbers() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    try (BenchCluster c = new BenchCluster(3)) {
      fanIn(c);
      wide(c, 10_000, false); // warm-up
      wide(c, n, true);
    }
    System.exit(0);
  }

  private static void fanIn(BenchCluster c) {
    Cluster d = Cluster.builder(c.driver, Graph.create(), BenchApp.FUNCTIONS).namespace("fanin").build();
    List<RemoteNode<byte[]>> parts = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      parts.add(d.call(BenchApp.MIB, i));
    }
    RemoteNode<Long> total = d.call(BenchApp.LENGTHS, parts.toArray());
    long t0 = System.nanoTime();
    long length = total.get();
    long nanos = System.nanoTime() - t0;
    Map<String, Integer> held = new HashMap<>();
    parts.forEach(p -> held.merge(p.member().orElseThrow(), 1, Integer::sum));
    int here = held.getOrDefault(total.member().orElseThrow(), 0);
    long minimum = (long) (12 - here) * (1 << 20);
    long moved = d.stats().bytesMoved();
    System.out.printf(Locale.ROOT, "FANIN 12 x 1 MiB (%d B): held per member %s, reader on a member holding %d;"
        + " moved %,d B, minimum %,d B, ratio %.3f; %.1f ms%n", length, held.values(), here, moved, minimum,
        minimum == 0 ? 1.0 : (double) moved / minimum, nanos / 1e6);
    d.destroyResults();
    d.close();
  }

  private static void wide(BenchCluster c, int n, boolean print) {
    long base = usedAfterGc();
    Cluster d = Cluster.builder(c.driver, Graph.create(), BenchApp.FUNCTIONS).namespace("wide" + n).build();
    Object[] leaves = new Object[n];
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      leaves[i] = d.call(BenchApp.NOOP, i);
    }
    // A sum of sums of 1,000 each: one node reading a million results would be one giant task.
    Object[] groups = new Object[(n + 999) / 1000];
    for (int g = 0; g < groups.length; g++) {
      groups[g] = d.call(BenchApp.SUM, Arrays.copyOfRange(leaves, g * 1000, Math.min(n, (g + 1) * 1000)));
    }
    RemoteNode<Long> sum = d.call(BenchApp.LONG_SUM, groups);
    long recorded = System.nanoTime();
    long s = sum.get();
    long done = System.nanoTime();
    long after = usedAfterGc();
    if (print) {
      long nodes = n + groups.length + 1;
      System.out.printf(Locale.ROOT, "WIDE %,d nodes (%,d leaves, %,d sums of 1,000, 1 total = %d): record %.0f ms,"
          + " get %.0f ms = %,.0f nodes/s; %d batches; driver heap %.1f B/node (retained, after get)%n", nodes, n,
          groups.length, s, (recorded - t0) / 1e6, (done - recorded) / 1e6, nodes / ((done - recorded) / 1e9),
          d.stats().batches(), (after - base) / (double) nodes);
    }
    if (leaves.length != n || groups.length == 0 || sum.name() == null) {
      throw new AssertionError(); // keeps the graph reachable until after the measurement
    }
    d.destroyResults();
    d.close();
  }

  private static long usedAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long last = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      long used = memory.getHeapMemoryUsage().getUsed();
      if (used >= last) {
        return Math.min(used, last);
      }
      last = used;
    }
    return last;
  }
}
