package dev.sloth.cluster;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The application the embedded tests run: the same table serves the driver and the members (one JVM). */
final class TestApp {
  static final Map<String, AtomicInteger> RUNS = new ConcurrentHashMap<>();
  static final ClusterFunctions FUNCTIONS = ClusterFunctions.create();
  static final RemoteFn<Integer> SQUARE = FUNCTIONS.fn1("Square", (Integer x) -> count("Square", x) * x);
  static final RemoteFn<Integer> ADD = FUNCTIONS.fn2("Add", (Integer a, Integer b) -> count("Add", a) + b);
  static final RemoteFn<Integer> SUM = FUNCTIONS.fnN("Sum", (List<Integer> xs) -> {
    count("Sum", 0);
    return xs.stream().mapToInt(Integer::intValue).sum();
  });
  /** Code shared by the table and a graph's own function (runPureFunctionsRemotely). */
  static final dev.sloth.graph.Function1<Integer, Integer> CUBE_CODE = x -> count("Cube", x) * x * x;
  static final RemoteFn<Integer> CUBE = FUNCTIONS.fn1("Cube", CUBE_CODE);
  static final RemoteFn<Integer> INVERSE = FUNCTIONS.fn1("Inverse", (Integer x) -> count("Inverse", 100) / x);
  /** A result whose serialization throws an Error, as a codec at the stack limit would. */
  static final class Unwritable implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    private void writeObject(java.io.ObjectOutputStream out) {
      throw new StackOverflowError("a codec overflowed (test)");
    }
  }

  static final RemoteFn<Unwritable> UNWRITABLE = FUNCTIONS.fn1("Unwritable", (Integer x) -> {
    count("Unwritable", x);
    return new Unwritable();
  });
  static final RemoteFn<Integer> CONST = FUNCTIONS.fn0("Const", () -> count("Const", 42));
  static final RemoteFn<byte[]> BLOB = FUNCTIONS.fn1("Blob", (Integer kib) -> {
    count("Blob", kib);
    byte[] b = new byte[kib * 1024];
    b[0] = (byte) (int) kib;
    return b;
  });
  static final RemoteFn<Long> TOTAL = FUNCTIONS.fnN("Total", (List<byte[]> xs) -> {
    count("Total", 0);
    return xs.stream().mapToLong(b -> b.length).sum();
  });
  static final RemoteFn<Long> TOTAL_INTS = FUNCTIONS.fnN("TotalInts", (List<Integer> xs) -> {
    count("TotalInts", 0);
    return xs.stream().mapToLong(Integer::longValue).sum();
  });
  static final RemoteFn<Integer> LEN = FUNCTIONS.fn2("Len", (byte[] in, Integer tag) -> count("Len", in.length));
  static final RemoteFn<Integer> SLOW = FUNCTIONS.fn2("Slow", (byte[] in, Integer ms) -> {
    count("Slow", ms);
    long end = System.nanoTime() + ms * 1_000_000L;
    while (System.nanoTime() < end) {
      Thread.onSpinWait(); // simulated compute time (no ordering depends on it)
    }
    return in.length;
  });

  /** The threads {@link #WHERE} ran on, in order. */
  static final List<String> WHERE_THREADS = new java.util.concurrent.CopyOnWriteArrayList<>();
  static final RemoteFn<Integer> WHERE = FUNCTIONS.fn1("Where", (Integer x) -> {
    WHERE_THREADS.add(Thread.currentThread().getName());
    return count("Where", x);
  });

  /** The Hazelcast instance name of the member where {@link #STALL} blocks; elsewhere it returns at once. */
  static volatile String stallOn = "";
  static volatile java.util.concurrent.CountDownLatch stallFirst = new java.util.concurrent.CountDownLatch(0);
  static volatile java.util.concurrent.CountDownLatch stallRest = new java.util.concurrent.CountDownLatch(0);
  static final java.util.concurrent.atomic.AtomicInteger STALLED = new java.util.concurrent.atomic.AtomicInteger();
  /** Run each time a Stall starts on {@link #stallOn}, after {@link #STALLED} counted it (must not block). */
  static volatile Runnable stalled = () -> {};
  /**
   * On member {@link #stallOn} (told by its executor thread's name), the first run waits for {@link #stallFirst}
   * and the others for {@link #stallRest} (30 s at most); elsewhere it returns at once.
   */
  static final RemoteFn<Integer> STALL = FUNCTIONS.fn2("Stall", (byte[] in, Integer i) -> {
    count("Stall", i);
    if (Thread.currentThread().getName().contains("hz." + stallOn + ".")) {
      var latch = STALLED.getAndIncrement() == 0 ? stallFirst : stallRest;
      stalled.run();
      if (!latch.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
        throw new IllegalStateException("Stall(" + i + ") was not released in 30 s");
      }
    }
    return in.length;
  });

  static final java.util.concurrent.atomic.AtomicLong ELEMENTS = new java.util.concurrent.atomic.AtomicLong();
  static final RowBlocks FIELD = RowBlocks.register(FUNCTIONS, "Field",
      () -> dev.sloth.array.LArray.fromFunction(60, 7, (i, j) -> {
        ELEMENTS.incrementAndGet();
        return i * 100 + j;
      }).times(2.0));

  private TestApp() {}

  static int count(String fn, int v) {
    RUNS.computeIfAbsent(fn, k -> new AtomicInteger()).incrementAndGet();
    return v;
  }

  static int runs(String fn) {
    AtomicInteger n = RUNS.get(fn);
    return n == null ? 0 : n.get();
  }
}
