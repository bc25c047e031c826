package dev.sloth.cache;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Graph;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The persistent cache's costs (it sits in sloth-cache's package to reach the code-version analysis directly):
 *
 * <ul>
 *   <li>{@code hit1KiB}: a node recalled from the cache, value a 1 KiB {@code byte[]}: build and {@code get()} of a
 *       fresh node on a sequential graph, per node, key hashing, record check (CRC32C + HMAC) and decoding included;
 *   <li>{@code hitInt}: the same with an {@code Integer} value;
 *   <li>{@code noCache1KiB}: the same graph and nodes with no cache, computing the 1 KiB value: the engine's share;
 *   <li>{@code codeVersionCold}: the code version of a function never seen by this analysis (empty memo: every class
 *       parsed, every method hashed), per function.
 * </ul>
 *
 * <pre>{@code
 * flock /tmp/jmh.lock java -jar sloth-bench/target/benchmarks.jar 'cache.CacheBenchmark' -f 1 -wi 3 -i 5 -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CacheBenchmark {
  static final int NODES = 1000;

  interface F1<A, R> extends dev.sloth.graph.Function1<A, R> {}

  static final F1<Integer, byte[]> BLOB = i -> {
    byte[] b = new byte[1024];
    b[0] = (byte) (int) i;
    return b;
  };
  static final F1<Integer, Integer> SMALL = i -> i * 31 + 7;

  private Path dir;
  private DiskCache cache;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    dir = Files.createTempDirectory("sloth-cache-bench");
    cache = DiskCache.builder(dir).defaultRule(PersistRule.forced()).build();
    Graph g = Graph.builder().sequential().persistentCache(cache).build();
    Fn1<Integer, byte[]> blob = g.fn1("Blob", BLOB);
    Fn1<Integer, Integer> small = g.fn1("Small", SMALL);
    for (int i = 0; i < NODES; i++) {
      blob.call(i).get();
      small.call(i).get();
    }
    if (hit1KiB() != NODES * 1024L || cache.stats("Blob").hits() != NODES) {
      throw new IllegalStateException("not a hit: " + cache.stats("Blob"));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    cache.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Benchmark
  @OperationsPerInvocation(NODES)
  public long hit1KiB() {
    Fn1<Integer, byte[]> blob = Graph.builder().sequential().persistentCache(cache).build().fn1("Blob", BLOB);
    long n = 0;
    for (int i = 0; i < NODES; i++) {
      n += blob.call(i).get().length;
    }
    return n;
  }

  @Benchmark
  @OperationsPerInvocation(NODES)
  public long hitInt() {
    Fn1<Integer, Integer> small = Graph.builder().sequential().persistentCache(cache).build().fn1("Small", SMALL);
    long n = 0;
    for (int i = 0; i < NODES; i++) {
      n += small.call(i).get();
    }
    return n;
  }

  @Benchmark
  @OperationsPerInvocation(NODES)
  public long noCache1KiB() {
    Fn1<Integer, byte[]> blob = Graph.builder().sequential().build().fn1("Blob", BLOB);
    long n = 0;
    for (int i = 0; i < NODES; i++) {
      n += blob.call(i).get().length;
    }
    return n;
  }

  /** A fresh analysis (empty memos) for each {@link #codeVersionCold} call; made outside the measured time. */
  @State(Scope.Thread)
  public static class Fresh {
    CodeVersions analysis;

    @Setup(Level.Invocation)
    public void fresh() {
      analysis = new CodeVersions(new Values(java.util.List.of()));
    }
  }

  @Benchmark
  public CodeVersions.Version codeVersionCold(Fresh fresh) throws CodeVersions.Unanalysable {
    return fresh.analysis.of(BLOB, PersistRule.defaults());
  }
}
