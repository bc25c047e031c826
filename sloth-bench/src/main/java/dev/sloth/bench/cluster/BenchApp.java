package dev.sloth.bench.cluster;

import dev.sloth.cluster.ClusterFunctions;
import dev.sloth.cluster.RemoteFn;
import java.util.List;

/** The functions the cluster benchmarks run; every member JVM loads the same table. */
public final class BenchApp {
  public static final ClusterFunctions FUNCTIONS = ClusterFunctions.create();
  /** The code of {@link #NOOP}, for a graph's own function of that name (runPureFunctionsRemotely). */
  public static final dev.sloth.graph.Function1<Integer, Integer> NOOP_CODE = i -> i;
  /** A trivial node. */
  public static final RemoteFn<Integer> NOOP = FUNCTIONS.fn1("Noop", NOOP_CODE);
  /** Sums any number of integers. */
  public static final RemoteFn<Long> SUM = FUNCTIONS.fnN("Sum", (List<Integer> xs) -> {
    long s = 0;
    for (int x : xs) {
      s += x;
    }
    return s;
  });
  /** Sums any number of longs. */
  public static final RemoteFn<Long> LONG_SUM = FUNCTIONS.fnN("LongSum", (List<Long> xs) -> {
    long s = 0;
    for (long x : xs) {
      s += x;
    }
    return s;
  });
  /** A 1 MiB intermediate. */
  public static final RemoteFn<byte[]> MIB = FUNCTIONS.fn1("MiB", (Integer tag) -> {
    byte[] b = new byte[1 << 20];
    b[0] = (byte) (int) tag;
    return b;
  });
  /** Fan-in of 1 MiB intermediates: their total length. */
  public static final RemoteFn<Long> LENGTHS = FUNCTIONS.fnN("Lengths", (List<byte[]> xs) -> {
    long s = 0;
    for (byte[] x : xs) {
      s += x.length;
    }
    return s;
  });

  private BenchApp() {}
}
