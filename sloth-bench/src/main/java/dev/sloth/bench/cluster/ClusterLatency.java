package dev.sloth.bench.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import dev.sloth.cluster.Cluster;
import dev.sloth.graph.Graph;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Medians of an unbatched remote node beside one Hazelcast round trip, on three member JVMs over loopback, all
 * measured in turn (so that load on the machine hits them alike): {@code roundTrip} (a no-op task to a member's
 * {@code sloth.exec} executor and its answer, the members taking turns as the nodes' do), {@code roundTripEntry}
 * (a no-op entry processor on a results map, keys taking turns over the partitions: the other kind of round trip,
 * which an unbatched node now makes), {@code node} (a fresh trivial remote node computed; its result stays on the
 * member), {@code fetched} (the same, then its value fetched) and {@code graphFn} (a call of a graph's own function
 * run on the cluster with {@code runPureFunctionsRemotely}, its value brought back). Arguments: the count measured (default 2,000)
 * and the count of warm-up rounds before (default 10,000: fewer leave the members' code partly interpreted, since
 * the nodes are spread over three members).
 *
 * <pre>{@code
 * java -cp sloth-bench/target/benchmarks.jar dev.sloth.bench.cluster.ClusterLatency 2000
 * }</pre>
 */
public final class ClusterLatency {
  private ClusterLatency() {}

  /** Answers at once, changing nothing. */
  static final class NoopEntry implements EntryProcessor<Object, Object, Integer>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer process(java.util.Map.Entry<Object, Object> entry) {
      return 1;
    }

    @Override
    public EntryProcessor<Object, Object, Integer> getBackupProcessor() {
      return null;
    }
  }

  public static void main(String[] args) throws Exception {
    int measured = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    try (BenchCluster c = new BenchCluster(3)) {
      IExecutorService executor = c.driver.getExecutorService("sloth.exec");
      List<Member> targets = c.driver.getCluster().getMembers().stream().filter(m -> !m.isLiteMember()).toList();
      IMap<Object, Object> noop = c.driver.getMap("sloth.results.latency-noop"); // Sloth's config: no backups
      Cluster d = Cluster.builder(c.driver, Graph.create(), BenchApp.FUNCTIONS).namespace("latency").build();
      Graph pure = Graph.create();
      Cluster dp = Cluster.builder(c.driver, pure, BenchApp.FUNCTIONS).namespace("latency-pure")
          .runPureFunctionsRemotely().build();
      var noopFn = pure.fn1("Noop", BenchApp.NOOP_CODE);
      int offset = 0;
      for (int round = 0; round < 2; round++) { // the first round warms up
        int n = round == 0 ? warmup : measured;
        long[] rt = new long[n];
        long[] rtEntry = new long[n];
        long[] node = new long[n];
        long[] fetched = new long[n];
        long[] graphFn = new long[n];
        for (int i = 0; i < n; i++) {
          long t = System.nanoTime();
          executor.submitToMember(new ClusterBenchmark.Noop(), targets.get(i % targets.size())).get();
          rt[i] = System.nanoTime() - t;
          t = System.nanoTime();
          noop.submitToKey(i, new NoopEntry()).toCompletableFuture().get();
          rtEntry[i] = System.nanoTime() - t;
          t = System.nanoTime();
          d.call(BenchApp.NOOP, 2 * (offset + i)).node().get();
          node[i] = System.nanoTime() - t;
          t = System.nanoTime();
          d.call(BenchApp.NOOP, 2 * (offset + i) + 1).get();
          fetched[i] = System.nanoTime() - t;
          t = System.nanoTime();
          noopFn.call(offset + i).get();
          graphFn[i] = System.nanoTime() - t;
        }
        offset += n;
        if (round == 1) {
          System.out.printf(Locale.ROOT, "LATENCY medians over %d (p10, p90): roundTrip %s, roundTripEntry %s,"
              + " remote node %s, remote node + fetch %s, graph function %s; node - roundTrip = %.0f us,"
              + " node - roundTripEntry = %.0f us%n", n, stats(rt), stats(rtEntry), stats(node), stats(fetched),
              stats(graphFn), (median(node) - median(rt)) / 1e3, (median(node) - median(rtEntry)) / 1e3);
        }
      }
      d.destroyResults();
      dp.destroyResults();
    }
    System.exit(0);
  }

  private static long median(long[] a) {
    long[] s = a.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  private static String stats(long[] a) {
    long[] s = a.clone();
    Arrays.sort(s);
    return String.format(Locale.ROOT, "%.0f us (%.0f, %.0f)", s[s.length / 2] / 1e3, s[s.length / 10] / 1e3,
        s[s.length * 9 / 10] / 1e3);
  }
}
