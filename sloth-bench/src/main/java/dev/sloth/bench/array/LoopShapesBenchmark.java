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
 * of the scan, before or after each block's loop (the last is sloth-array's generated loop now, docs/bench/array.md);
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
