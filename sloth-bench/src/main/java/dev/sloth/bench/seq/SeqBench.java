package dev.sloth.bench.seq;

import dev.sloth.seq.LongSeq;
import dev.sloth.seq.Seq;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The example pipeline: squares of {@code 0 .. 10M-1}, keep the evens; take the first 10, or all of
 * them into a list, or summed. Each workload three ways per library: the generic {@link Seq} against
 * {@code Stream<Long>} (every square boxed), the primitive {@link LongSeq} against {@code LongStream} (only the
 * kept values boxed, for a list; nothing boxed for the sum), and the hand-written loop, which boxes only what it
 * keeps into an {@code ArrayList<Long>} and sums into a {@code long}. The Python generator figure comes from
 * {@code python/seq_peer.py}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
public class SeqBench {
  static final long N = 10_000_000L;

  // ---------------------------------------------------------------------------------------------- first 10

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<Long> first10_seq() {
    return Seq.range(0L, N).map(x -> x * x).filter(x -> x % 2 == 0).take(10).toList();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<Long> first10_stream() {
    return LongStream.range(0, N).boxed().map(x -> x * x).filter(x -> x % 2 == 0).limit(10).toList();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<Long> first10_longSeq() {
    return LongSeq.range(0, N).map(x -> x * x).filter(x -> x % 2 == 0).take(10).toList();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<Long> first10_longStream() {
    return LongStream.range(0, N).map(x -> x * x).filter(x -> x % 2 == 0).limit(10).boxed().toList();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public List<Long> first10_loop() {
    List<Long> out = new ArrayList<>();
    for (long x = 0; x < N && out.size() < 10; x++) {
      long sq = x * x;
      if (sq % 2 == 0) {
        out.add(sq);
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------------------------- all 10M

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Long> all_seq() {
    return Seq.range(0L, N).map(x -> x * x).filter(x -> x % 2 == 0).toList();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Long> all_stream() {
    return LongStream.range(0, N).boxed().map(x -> x * x).filter(x -> x % 2 == 0).toList();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Long> all_longSeq() {
    return LongSeq.range(0, N).map(x -> x * x).filter(x -> x % 2 == 0).toList();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Long> all_longStream() {
    return LongStream.range(0, N).map(x -> x * x).filter(x -> x % 2 == 0).boxed().toList();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public List<Long> all_loop() {
    List<Long> out = new ArrayList<>();
    for (long x = 0; x < N; x++) {
      long sq = x * x;
      if (sq % 2 == 0) {
        out.add(sq);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------------ all 10M, summed (no list)

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long sum_seq() {
    return Seq.range(0L, N).map(x -> x * x).filter(x -> x % 2 == 0).reduce(0L, Long::sum);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long sum_stream() {
    return LongStream.range(0, N).boxed().map(x -> x * x).filter(x -> x % 2 == 0).reduce(0L, Long::sum);
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long sum_longSeq() {
    return LongSeq.range(0, N).map(x -> x * x).filter(x -> x % 2 == 0).sum();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long sum_longStream() {
    return LongStream.range(0, N).map(x -> x * x).filter(x -> x % 2 == 0).sum();
  }

  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long sum_loop() {
    long sum = 0;
    for (long x = 0; x < N; x++) {
      long sq = x * x;
      if (sq % 2 == 0) {
        sum += sq;
      }
    }
    return sum;
  }
}
