package dev.sloth.bench.array;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@link LazyArrayBenchmark}'s whole-array cases called in turn, round after round, in one JVM: a complement to
 * JMH, which measures each case in its own fork, one after another, so that two cases compared by their means may
 * have run under different conditions.
 *
 * <p>Why: on this VM the time of an FMA-bound loop changes by 30 to 100 % for a second to several seconds at a time,
 * together with the same loop on an L2-resident block (no memory traffic at all), while a loop bound by the divider
 * changes by about 10 % (docs/benchmarks.md, lazy arrays, session 7). Sloth's fast loop is of the first kind, the hand
 * loop of the second, so a mean of Sloth measured in one minute and a mean of the hand loop measured in the next
 * compare two mixes of states of the machine. Here each round calls every case once (in an order rotated from round to
 * round), so each ratio is taken between calls made within a fraction of a second of each other, and the median of
 * those per-round ratios is printed beside the medians of the cases, in wall time (what JMH measures) and, for the
 * cases on one thread, in the caller's CPU time (which leaves out the time the thread waits for a core the other jobs
 * took; for the cases on 2 threads, the caller's CPU time is its allocation and zeroing of the result, done before the
 * pool starts). Two probes, an FMA chain and a divider chain over an L2-resident block, show the machine's state in
 * each round; the correlation of Sloth's time with each says which it follows.
 *
 * <pre>{@code
 * java -Xms2g -Xmx2g -XX:+UseParallelGC -cp sloth-bench/target/benchmarks.jar \
 *     dev.sloth.bench.array.AlternatedCalls 40
 * }</pre>
 */
public final class AlternatedCalls {
  private static final int PROBE = 16_384; // 128 KB in, 128 KB out: both in L2
  private static final int PROBE_PASSES = 64; // about 1e6 elements per probe call
  private static volatile Object sink;

  private AlternatedCalls() {}

  /**
   * Runs the rounds and prints the table.
   *
   * @param args the number of measured rounds (default 40); 10 rounds of warm-up come first
   */
  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    LazyArrayBenchmark b = new LazyArrayBenchmark();
    b.setUp();
    double[] probeIn = new double[PROBE];
    double[] probeOut = new double[PROBE];
    for (int i = 0; i < PROBE; i++) {
      probeIn[i] = 1 + i * 0.001;
    }
    Map<String, Supplier<Object>> cases = new LinkedHashMap<>();
    cases.put("whole", b::whole);
    cases.put("plainLoop", b::plainLoop);
    cases.put("wholeParallel2", b::wholeParallel2);
    cases.put("plainLoopParallel2", b::plainLoopParallel2);
    cases.put("stream", b::stream);
    cases.put("streamParallel2", b::streamParallel2);
    cases.put("probeFmaChain", () -> probe(probeIn, probeOut, true));
    cases.put("probeDivider", () -> probe(probeIn, probeOut, false));
    List<String> names = new ArrayList<>(cases.keySet());
    double[][] ms = new double[names.size()][rounds];
    double[][] cpu = new double[names.size()][rounds];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int r = -10; r < rounds; r++) {
      for (int c : order(names.size(), r < 0 ? 0 : r)) {
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        sink = cases.get(names.get(c)).get();
        long end = System.nanoTime();
        long cpuEnd = threads.getCurrentThreadCpuTime();
        if (r >= 0) {
          ms[c][r] = (end - start) / 1e6;
          cpu[c][r] = (cpuEnd - cpuStart) / 1e6;
        }
      }
    }
    b.tearDown();
    System.out.printf("%-20s %8s %8s %8s %8s | %-28s%n", "case (ms per call)", "min", "median", "p75", "max",
        "caller's CPU: min median p75");
    for (int c = 0; c < names.size(); c++) {
      double[] s = ms[c].clone();
      Arrays.sort(s);
      double[] t = cpu[c].clone();
      Arrays.sort(t);
      System.out.printf("%-20s %8.2f %8.2f %8.2f %8.2f | %8.2f %8.2f %8.2f%n", names.get(c), s[0], s[rounds / 2],
          s[rounds * 3 / 4], s[rounds - 1], t[0], t[rounds / 2], t[rounds * 3 / 4]);
    }
    double[] whole = ms[names.indexOf("whole")];
    double[] hand = ms[names.indexOf("plainLoop")];
    double[] whole2 = ms[names.indexOf("wholeParallel2")];
    double[] hand2 = ms[names.indexOf("plainLoopParallel2")];
    System.out.printf("median of the per-round ratios: hand loop / Sloth %.2fx; Sloth 1 / 2 threads %.2fx; hand loop"
        + " 1 / 2 threads %.2fx; stream 1 / 2 threads %.2fx%n", median(ratios(hand, whole)),
        median(ratios(whole, whole2)), median(ratios(hand, hand2)),
        median(ratios(ms[names.indexOf("stream")], ms[names.indexOf("streamParallel2")])));
    System.out.printf("the same on the caller's CPU time (1 thread; not descheduled time): hand loop / Sloth %.2fx%n",
        median(ratios(cpu[names.indexOf("plainLoop")], cpu[names.indexOf("whole")])));
    double[] wholeCpu = cpu[names.indexOf("whole")];
    System.out.printf("correlation of Sloth's CPU time per round with that of: the FMA-chain probe %.2f, the divider"
        + " probe %.2f, the hand loop %.2f, the memory stream %.2f%n",
        correlation(wholeCpu, cpu[names.indexOf("probeFmaChain")]),
        correlation(wholeCpu, cpu[names.indexOf("probeDivider")]),
        correlation(wholeCpu, cpu[names.indexOf("plainLoop")]), correlation(wholeCpu, cpu[names.indexOf("stream")]));
    System.out.printf("correlation of Sloth's time per round with: the FMA-chain probe %.2f, the divider probe %.2f,"
        + " the hand loop %.2f, the memory stream %.2f%n", correlation(whole, ms[names.indexOf("probeFmaChain")]),
        correlation(whole, ms[names.indexOf("probeDivider")]), correlation(whole, hand),
        correlation(whole, ms[names.indexOf("stream")]));
  }

  /** The order of round r's calls: every case once, starting at case r mod n. */
  static int[] order(int n, int round) {
    int[] o = new int[n];
    for (int i = 0; i < n; i++) {
      o[i] = (round + i) % n;
    }
    return o;
  }

  /** {@code a[i] / b[i]} for each round i. */
  static double[] ratios(double[] a, double[] b) {
    double[] r = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      r[i] = a[i] / b[i];
    }
    return r;
  }

  /** The median (the upper one of an even count). */
  static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }

  /** Pearson's correlation of x and y (NaN if either is constant). */
  static double correlation(double[] x, double[] y) {
    double mx = Arrays.stream(x).average().orElse(0);
    double my = Arrays.stream(y).average().orElse(0);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) * (x[i] - mx);
      syy += (y[i] - my) * (y[i] - my);
    }
    return sxy / Math.sqrt(sxx * syy);
  }

  /**
   * The benchmark's chain over an L2-resident block: as Sloth's fast loop computes it (multiplications and FMAs,
   * {@code LoopShapesBenchmark.fusedBlockFma}, without the proof), or with true division (the hand loop). No memory
   * traffic.
   */
  private static double[] probe(double[] in, double[] out, boolean fma) {
    for (int p = 0; p < PROBE_PASSES; p++) {
      if (fma) {
        LoopShapesBenchmark.fusedBlockFma(in, out, 0, in.length);
      } else {
        LazyArrayBenchmark.plainLoopRange(in, out, 0, in.length);
      }
    }
    return out;
  }
}
