package dev.sloth.bench.array;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Where {@link LazyArrayBenchmark}'s time goes: the loop shapes of sloth-array's kernel written out by hand over the
 * same 1e7 doubles and the same 16 operations, to compare with the hand loop. {@code copyOnly}: allocating and
 * copying the result; {@code fillSqrtStore}: the block copies and a {@code sqrt} pass alone; {@code blockPasses}:
 * the kernel's shape (fill a 1024-element block, scan its interval, 5 fast-division loops, a sqrt loop, store);
 * {@code fusedPerElement}: all 16 operations per element in one loop with the fast divisions (what a kernel generated
 * per queue could reach); {@code fusedBlocks}: the same, called per 1024-element block, {@code out[i] = f(in[i])}
 * (what sloth-array's generated loop does); {@code fusedBlocksScanned}: with the per-block scan of the inputs' bits
 * that proves the fast divisions exact (what the generated loop costs with the proof before each block);
 * {@code fusedBlocksCheckedAfter}: the same scan after each block's loop, when the block's inputs are in the cache;
 * {@code fusedBlocksOrChecked} and {@code fusedBlocksOrCheckedAfter}: a one-OR check of a fixed interval instead
 * of the scan, before or after each block's loop (the last was sloth-array's generated loop in session 5);
 * {@code fusedBlocksIntCheckedAfter} and {@code fusedBlocksMinCheckedAfter}: two vectorised checks of an interval
 * (an int window, a double min), and {@code orCheckInCache}, {@code intCheckInCache}, {@code minCheckInCache} the
 * three checks alone on a block in the L1 cache; {@code fusedBlocksFma}: each {@code x * 2 + 1} as one
 * {@code Math.fma} (exact where {@code x * 2} does not overflow), and {@code fusedBlocksFmaOrCheckedAfter} with the
 * OR check (sloth-array's generated loop since session 6; docs/bench/array.md);
 * {@code offsetLoop}: a block loop between two arrays at different offsets, which C2 (JDK 25) does not vectorise.
 * Run:
 * {@code java -jar sloth-bench/target/benchmarks.jar LoopShapesBenchmark -f 1 -wi 3 -i 8 -r 1s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class LoopShapesBenchmark {
  static final int N = LazyArrayBenchmark.N;
  static final int BLOCK = 1024;
  static final double D = 3.0;
  static final double R = 1.0 / 3.0;

  double[] data;

  @Setup
  public void setUp() {
    data = new double[N];
    for (int i = 0; i < N; i++) {
      data[i] = i * 0.001;
    }
  }

  /** {@code RN(v / 3)} by a multiplication and one FMA correction (exact for these values, see ScalarDivision). */
  static double divide(double v) {
    double q = v * R;
    return Math.fma(Math.fma(-q, D, v), R, q);
  }

  @Benchmark
  public double[] copyOnly() {
    double[] out = new double[N];
    System.arraycopy(data, 0, out, 0, N);
    return out;
  }

  @Benchmark
  public double[] fillSqrtStore() {
    double[] out = new double[N];
    double[] buf = new double[BLOCK];
    for (int s = 0; s < N; s += BLOCK) {
      int m = Math.min(BLOCK, N - s);
      System.arraycopy(data, s, buf, 0, m);
      for (int i = 0; i < m; i++) {
        buf[i] = Math.sqrt(buf[i]);
      }
      System.arraycopy(buf, 0, out, s, m);
    }
    return out;
  }

  @Benchmark
  public double[] blockPasses() {
    double[] out = new double[N];
    double[] buf = new double[BLOCK];
    double sink = 0;
    for (int s = 0; s < N; s += BLOCK) {
      int m = Math.min(BLOCK, N - s);
      System.arraycopy(data, s, buf, 0, m);
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < m; i++) {
        lo = Math.min(lo, buf[i]);
        hi = Math.max(hi, buf[i]);
      }
      sink += lo + hi;
      for (int k = 0; k < 5; k++) {
        for (int i = 0; i < m; i++) {
          buf[i] = divide(buf[i] * 2.0 + 1.0);
        }
      }
      for (int i = 0; i < m; i++) {
        buf[i] = Math.sqrt(buf[i]);
      }
      System.arraycopy(buf, 0, out, s, m);
    }
    out[0] += sink * 0; // keeps the scan
    return out;
  }

  @Benchmark
  public double[] fusedPerElement() {
    double[] out = new double[N];
    fusedBlock(data, out, 0, N);
    return out;
  }

  private static void fusedBlock(double[] in, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      double x = in[i];
      x = divide(x * 2.0 + 1.0);
      x = divide(x * 2.0 + 1.0);
      x = divide(x * 2.0 + 1.0);
      x = divide(x * 2.0 + 1.0);
      x = divide(x * 2.0 + 1.0);
      out[i] = Math.sqrt(x);
    }
  }

  @Benchmark
  public double[] fusedBlocks() {
    double[] out = new double[N];
    for (int s = 0; s < N; s += BLOCK) {
      fusedBlock(data, out, s, Math.min(N, s + BLOCK));
    }
    return out;
  }

  @Benchmark
  public double[] fusedBlocksScanned() {
    return fusedBlocksWithScan(false);
  }

  /** The same with the scan after each block's loop. */
  @Benchmark
  public double[] fusedBlocksCheckedAfter() {
    return fusedBlocksWithScan(true);
  }

  private double[] fusedBlocksWithScan(boolean after) {
    double[] out = new double[N];
    long sink = 0;
    for (int s = 0; s < N; s += BLOCK) {
      int e = Math.min(N, s + BLOCK);
      sink += after ? 0 : scanBits(data, s, e);
      fusedBlock(data, out, s, e);
      sink += after ? scanBits(data, s, e) : 0;
    }
    out[0] += sink == 42 ? 1 : 0; // keeps the scan
    return out;
  }

  /**
   * The cheapest exact check found (what sloth-array's generated loop does since session 5, {@code
   * FusedLoops.inCheckedInterval}): every input's bits minus those of 2^-511, OR-ed, must stay below 2^62 (all inputs
   * in [2^-511, 2^513), an interval proven once for the chain): one OR per element instead of a min and a max, and
   * no interval to carry per block. Before each block's loop here, after it in {@link #fusedBlocksOrCheckedAfter}.
   */
  @Benchmark
  public double[] fusedBlocksOrChecked() {
    return fusedBlocksWithOrCheck(false);
  }

  @Benchmark
  public double[] fusedBlocksOrCheckedAfter() {
    return fusedBlocksWithOrCheck(true);
  }

  private double[] fusedBlocksWithOrCheck(boolean after) {
    double[] out = new double[N];
    long sink = 0;
    for (int s = 0; s < N; s += BLOCK) {
      int e = Math.min(N, s + BLOCK);
      sink += !after && orCheck(data, s, e) ? 1 : 0;
      fusedBlock(data, out, s, e);
      sink += after && orCheck(data, s, e) ? 1 : 0;
    }
    out[0] += sink == 42 ? 1 : 0;
    return out;
  }

  static final long LOW_BITS = Double.doubleToRawLongBits(0x1p-511);

  static boolean orCheck(double[] x, int from, int to) {
    long m = 0;
    for (int i = from; i < to; i++) {
      m |= Double.doubleToRawLongBits(x[i]) - LOW_BITS;
    }
    return m >>> 62 == 0;
  }

  /** 2^513: {@code x (K - x) >= 4} holds exactly for x in [2^-511, 2^513) (and fails for NaN). */
  static final double K = 0x1p513;

  /**
   * The same interval as {@link #orCheck} in the double domain: the least of {@code x (2^513 - x)} must be at least
   * 4. C2 vectorises this min reduction (two other vector operations per element: not a "simple" reduction), but
   * the blend sequence of a vector {@code Math.min} on AVX2 is a long chain, so it costs about what the OR costs.
   */
  static boolean minCheck(double[] x, int from, int to) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = from; i < to; i++) {
      double v = x[i];
      m = Math.min(m, v * (K - v));
    }
    return m >= 4;
  }

  /**
   * A window check C2 vectorises on AVX2: {@code (int) (x 2^k) - 1}, OR-ed, must stay below 2^30, which holds only
   * for x in [2^-k, (2^30 + 1) 2^-k) (NaN, zeros, negatives, infinities and values beyond set bit 30 or 31). The
   * conversion from double to int has a vector instruction here, the move of a double's bits to a long has not.
   * Its window spans 2^30 (the OR's 2^1024), so it would need a scale chosen per evaluation from the data.
   */
  static boolean intCheck(double[] x, int from, int to, double scale) {
    int m = 0;
    for (int i = from; i < to; i++) {
      m |= (int) (x[i] * scale) - 1;
    }
    return m >>> 30 == 0;
  }

  static final double SCALE = 0x1p14;

  /** The check of a kind: 0 {@link #orCheck} (sloth-array's), 1 {@link #intCheck}, 2 {@link #minCheck}. */
  private static boolean check(int kind, double[] x, int from, int to) {
    return switch (kind) {
      case 0 -> orCheck(x, from, to);
      case 1 -> intCheck(x, from, to, SCALE);
      default -> minCheck(x, from, to);
    };
  }

  private double[] fusedBlocksCheckedAfter(int kind, boolean fma) {
    double[] out = new double[N];
    long sink = 0;
    for (int s = 0; s < N; s += BLOCK) {
      int e = Math.min(N, s + BLOCK);
      if (fma) {
        fusedBlockFma(data, out, s, e);
      } else {
        fusedBlock(data, out, s, e);
      }
      sink += check(kind, data, s, e) ? 1 : 0;
    }
    out[0] += sink == 42 ? 1 : 0;
    return out;
  }

  @Benchmark
  public double[] fusedBlocksIntCheckedAfter() {
    return fusedBlocksCheckedAfter(1, false);
  }

  @Benchmark
  public double[] fusedBlocksMinCheckedAfter() {
    return fusedBlocksCheckedAfter(2, false);
  }

  /** The checks' own cost, the block in the L1 cache: one 1024-element block checked N / 1024 times. */
  private long checkInCache(int kind) {
    long sink = 0;
    for (int s = 0; s < N; s += BLOCK) {
      sink += check(kind, data, 4096, 4096 + BLOCK) ? 1 : 0;
    }
    return sink;
  }

  @Benchmark
  public long orCheckInCache() {
    return checkInCache(0);
  }

  @Benchmark
  public long intCheckInCache() {
    return checkInCache(1);
  }

  @Benchmark
  public long minCheckInCache() {
    return checkInCache(2);
  }

  /**
   * {@code x * 2 + 1} as one {@code Math.fma(x, 2, 1)}: the same bits wherever {@code x * 2} does not overflow (a
   * multiplication by a power of two is then exact), which the fast loop's proof covers. One operation and 2 cycles
   * of latency less per step: the fused loop is bound by its chain's latency, not by the FMA pipes or memory.
   */
  static void fusedBlockFma(double[] in, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      double x = in[i];
      x = divide(Math.fma(x, 2.0, 1.0));
      x = divide(Math.fma(x, 2.0, 1.0));
      x = divide(Math.fma(x, 2.0, 1.0));
      x = divide(Math.fma(x, 2.0, 1.0));
      x = divide(Math.fma(x, 2.0, 1.0));
      out[i] = Math.sqrt(x);
    }
  }

  @Benchmark
  public double[] fusedBlocksFma() {
    double[] out = new double[N];
    for (int s = 0; s < N; s += BLOCK) {
      fusedBlockFma(data, out, s, Math.min(N, s + BLOCK));
    }
    return out;
  }

  /** The fma loop with the OR check after each block: sloth-array's generated loop since session 6. */
  @Benchmark
  public double[] fusedBlocksFmaOrCheckedAfter() {
    return fusedBlocksCheckedAfter(0, true);
  }

  @Benchmark
  public double[] fusedBlocksFmaIntCheckedAfter() {
    return fusedBlocksCheckedAfter(1, true);
  }

  /**
   * When does the proof pay? Chains of 2 and 3 of the benchmark's steps {@code (x*2+1)/3} (then sqrt): the fast loop
   * (fma, one-correction divisions) with the OR check after each block, against true division
   * ({@code FusedLoops.CHECK_COST}: the check must cost less than the divisions save).
   */
  @Benchmark
  public double[] twoStepsFastChecked() {
    double[] out = new double[N];
    long sink = 0;
    for (int s = 0; s < N; s += BLOCK) {
      int e = Math.min(N, s + BLOCK);
      for (int i = s; i < e; i++) {
        out[i] = Math.sqrt(divide(Math.fma(divide(Math.fma(data[i], 2.0, 1.0)), 2.0, 1.0)));
      }
      sink += orCheck(data, s, e) ? 1 : 0;
    }
    out[0] += sink == 42 ? 1 : 0;
    return out;
  }

  @Benchmark
  public double[] twoStepsPlain() {
    double[] out = new double[N];
    for (int i = 0; i < N; i++) {
      out[i] = Math.sqrt(((data[i] * 2.0 + 1.0) / 3.0 * 2.0 + 1.0) / 3.0);
    }
    return out;
  }

  @Benchmark
  public double[] threeStepsFastChecked() {
    double[] out = new double[N];
    long sink = 0;
    for (int s = 0; s < N; s += BLOCK) {
      int e = Math.min(N, s + BLOCK);
      for (int i = s; i < e; i++) {
        double x = divide(Math.fma(divide(Math.fma(data[i], 2.0, 1.0)), 2.0, 1.0));
        out[i] = Math.sqrt(divide(Math.fma(x, 2.0, 1.0)));
      }
      sink += orCheck(data, s, e) ? 1 : 0;
    }
    out[0] += sink == 42 ? 1 : 0;
    return out;
  }

  @Benchmark
  public double[] threeStepsPlain() {
    double[] out = new double[N];
    for (int i = 0; i < N; i++) {
      out[i] = Math.sqrt((((data[i] * 2.0 + 1.0) / 3.0 * 2.0 + 1.0) / 3.0 * 2.0 + 1.0) / 3.0);
    }
    return out;
  }

  /** The least and greatest bits of {@code x[from, to)}, as {@code Kernel.scanRange} scans a block. */
  private static long scanBits(double[] x, int from, int to) {
    long lo = Long.MAX_VALUE;
    long hi = Long.MIN_VALUE;
    for (int i = from; i < to; i++) {
      long b = Double.doubleToRawLongBits(x[i]);
      lo = Math.min(lo, b);
      hi = Math.max(hi, b);
    }
    return lo ^ hi;
  }

  @Benchmark
  public double[] offsetLoop() {
    double[] out = new double[N];
    double[] buf = new double[BLOCK];
    for (int s = 0; s < N; s += BLOCK) {
      int m = Math.min(BLOCK, N - s);
      System.arraycopy(data, s, buf, 0, m);
      sqrtInto(buf, out, s, m);
    }
    return out;
  }

  private static void sqrtInto(double[] x, double[] out, int at, int n) {
    for (int i = 0; i < n; i++) {
      out[at + i] = Math.sqrt(x[i]);
    }
  }

  @Benchmark
  public double[] plainLoop() {
    return new LazyArrayBenchmark().plainLoopOver(data);
  }
}
