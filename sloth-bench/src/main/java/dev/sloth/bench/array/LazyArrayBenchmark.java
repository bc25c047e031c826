package dev.sloth.bench.array;

import dev.sloth.array.Evaluated;
import dev.sloth.array.Index;
import dev.sloth.array.LArray;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * lazyarray's use case at scale: a 1e7-element double array with 16 queued operations ({@code (a*2+1)/3} five
 * times, then {@code sqrt}), evaluated at 1 element, at a 1000-element slice, and whole (sequential, and in
 * parallel on 2 threads). {@code plainLoop} is the same arithmetic hand-written in one loop, with true division;
 * {@code plainLoopParallel2} is that loop on the same 2 threads, each computing half of one result array (split in
 * whole 1024-element blocks as sloth-array splits it): what the machine gives a hand-written loop on 2 threads, the
 * ceiling to judge {@code wholeParallel2} against; {@code stream} and {@code streamParallel2} are the memory stream
 * alone (allocate the result, read the base, write each element's double) on 1 and on those 2 threads. The Python
 * peers (lazyarray, NumPy) run the same cases in sloth-bench/python/array_peers.py.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
public class LazyArrayBenchmark {
  static final int N = 10_000_000;

  double[] data;
  LArray queued;
  ExecutorService pool;

  @Setup(Level.Trial)
  public void setUp() {
    data = new double[N];
    for (int i = 0; i < N; i++) {
      data[i] = i * 0.001;
    }
    queued = chain(LArray.of(data));
    pool = Executors.newFixedThreadPool(2);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    pool.shutdown();
  }

  static LArray chain(LArray a) {
    for (int k = 0; k < 5; k++) {
      a = a.times(2.0).plus(1.0).div(3.0);
    }
    return a.sqrt();
  }

  @Benchmark
  public double oneElement() {
    return queued.getDouble(N / 2);
  }

  @Benchmark
  public Evaluated slice1000() {
    return queued.get(Index.slice(N / 2, N / 2 + 1000));
  }

  @Benchmark
  public Evaluated whole() {
    return queued.evaluate();
  }

  @Benchmark
  public Evaluated wholeParallel2() {
    return queued.evaluate(pool, 2);
  }

  @Benchmark
  public double[] plainLoop() {
    return plainLoopOver(data);
  }

  @Benchmark
  public double[] plainLoopParallel2() {
    return onTwoThreads(LazyArrayBenchmark::plainLoopRange);
  }

  /**
   * The memory stream alone, on 1 thread: allocate the result (zeroed by the JVM) and write {@code 2 x} for each
   * element, 80 MB read and 80 MB written, as the whole-array cases do; with {@link #streamParallel2}, what the
   * machine's memory gives 2 threads.
   */
  @Benchmark
  public double[] stream() {
    double[] out = new double[N];
    streamRange(data, out, 0, N);
    return out;
  }

  /** The memory stream on the same 2 threads, split as {@link #plainLoopParallel2} splits the hand loop. */
  @Benchmark
  public double[] streamParallel2() {
    return onTwoThreads(LazyArrayBenchmark::streamRange);
  }

  static void streamRange(double[] in, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      out[i] = in[i] * 2.0;
    }
  }

  interface RangeLoop {
    void run(double[] in, double[] out, int from, int to);
  }

  /**
   * One result array, allocated by the caller as sloth-array allocates it, its two halves (whole 1024-element
   * blocks, as sloth-array splits it) computed by the pool's two threads while the caller waits.
   */
  private double[] onTwoThreads(RangeLoop loop) {
    double[] out = new double[N];
    int half = (N / 1024 + 1) / 2 * 1024;
    Future<?> second = pool.submit(() -> loop.run(data, out, half, N));
    Future<?> first = pool.submit(() -> loop.run(data, out, 0, half));
    try {
      first.get();
      second.get();
    } catch (InterruptedException | ExecutionException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  double[] plainLoopOver(double[] in) {
    double[] out = new double[N];
    plainLoopRange(in, out, 0, N);
    return out;
  }

  /** {@code out[i]} for {@code from <= i < to}: one index for both arrays, so that C2 vectorises the loop. */
  static void plainLoopRange(double[] in, double[] out, int from, int to) {
    for (int i = from; i < to; i++) {
      double x = in[i];
      for (int k = 0; k < 5; k++) {
        x = (x * 2.0 + 1.0) / 3.0;
      }
      out[i] = Math.sqrt(x);
    }
  }
}
