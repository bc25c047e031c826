package dev.sloth.bench.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import dev.sloth.cluster.Cluster;
import dev.sloth.graph.Graph;
import java.io.Serializable;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
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
 * Remote nodes on three member JVMs over loopback, beside Hazelcast's own round trip.
 *
 * <ul>
 *   <li>{@code roundTrip}: one {@code IExecutorService.submitToMember} of a no-op task and its answer: the floor.
 *   <li>{@code remoteNode}: a fresh trivial remote node computed (its result stays on the member): one batch of
 *       one node.
 *   <li>{@code remoteNodeFetched}: the same, then its value fetched to the driver.
 *   <li>{@code batched}: 10,000 fresh trivial nodes and their sum, per node ({@code 1 / score} is nodes per
 *       microsecond).
 * </ul>
 *
 * <pre>{@code
 * java -jar sloth-bench/target/benchmarks.jar 'cluster.ClusterBenchmark' -f 1 -wi 3 -i 5 -r 2s
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ClusterBenchmark {
  private static final int WIDE = 10_000;

  private BenchCluster cluster;
  private Cluster driver;
  private IExecutorService executor;
  private Member target;
  private int next;

  /** Hazelcast's no-op task. */
  static final class Noop implements Callable<Integer>, Serializable {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer call() {
      return 1;
    }
  }

  @Setup(Level.Trial)
  public void start() throws Exception {
    cluster = new BenchCluster(3);
    executor = cluster.driver.getExecutorService("sloth.exec");
    target = cluster.driver.getCluster().getMembers().stream().filter(m -> !m.isLiteMember()).findFirst().orElseThrow();
  }

  @Setup(Level.Iteration)
  public void connect() {
    driver = Cluster.builder(cluster.driver, Graph.create(), BenchApp.FUNCTIONS).namespace("bench" + next).build();
  }

  @TearDown(Level.Iteration)
  public void clear() {
    driver.destroyResults();
    driver.close();
  }

  @TearDown(Level.Trial)
  public void stop() {
    cluster.close();
  }

  @Benchmark
  public Object roundTrip() throws Exception {
    return executor.submitToMember(new Noop(), target).get();
  }

  @Benchmark
  public Object remoteNode() {
    return driver.call(BenchApp.NOOP, next++).node().get();
  }

  @Benchmark
  public Object remoteNodeFetched() {
    return driver.call(BenchApp.NOOP, next++).get();
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OperationsPerInvocation(WIDE + 1)
  public long batched() {
    Object[] leaves = new Object[WIDE];
    for (int i = 0; i < WIDE; i++) {
      leaves[i] = driver.call(BenchApp.NOOP, next++);
    }
    return driver.call(BenchApp.SUM, leaves).get();
  }
}
