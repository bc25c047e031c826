package dev.sloth.bench.graph;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Recording calls of one sharing function from several threads at once: each invocation makes a fresh graph, and
 * {@code threads} threads, released together by a barrier, each record 20,000 calls of its one function with
 * arguments no other thread uses (every call records a node). The score is the invocation's wall time divided by
 * 20,000 (one thread's calls): with two threads, the same score as with one would mean the second thread's calls
 * came for free, twice the score that recording at once gained nothing over recording one after the other.
 *
 * <pre>{@code
 * java -jar sloth-bench/target/benchmarks.jar 'graph.ConcurrentBuildBenchmark' -f 1 -wi 5 -w 1s -i 5 -r 1s
 * }</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+AlwaysPreTouch"})
public class ConcurrentBuildBenchmark {
  private static final int CALLS = 20_000;

  /** How many threads record at once. */
  @Param({"1", "2"})
  public int threads;

  private ExecutorService pool;

  @Setup
  public void setUp() {
    pool = Executors.newFixedThreadPool(threads);
  }

  @TearDown
  public void tearDown() {
    pool.shutdownNow();
  }

  /** A fresh graph; {@code threads} threads record {@value #CALLS} calls each of its one function; per call of one. */
  @Benchmark
  @OperationsPerInvocation(CALLS)
  public int recordAtOnce() throws Exception {
    Graph g = Graph.create();
    Fn1<Integer, Integer> square = g.fn1("Square", (Integer x) -> x * x);
    CyclicBarrier start = new CyclicBarrier(threads);
    List<Future<List<Node<Integer>>>> recorded = new ArrayList<>(threads);
    for (int t = 0; t < threads; t++) {
      int base = t * CALLS;
      recorded.add(pool.submit(() -> {
        start.await(10, TimeUnit.SECONDS);
        List<Node<Integer>> out = new ArrayList<>(CALLS);
        for (int i = 0; i < CALLS; i++) {
          out.add(square.call(base + i));
        }
        return out;
      }));
    }
    int n = 0;
    for (Future<List<Node<Integer>>> f : recorded) {
      n += f.get(60, TimeUnit.SECONDS).size();
    }
    return n;
  }
}
