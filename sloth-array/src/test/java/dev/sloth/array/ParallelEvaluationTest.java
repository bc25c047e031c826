package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Evaluation in disjoint blocks on an executor equals sequential evaluation; shared bases stay exactly-once. */
class ParallelEvaluationTest {
  private final ExecutorService pool = Executors.newFixedThreadPool(8);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  @Test
  void parallelEqualsSequentialAndComputesEachElementOnce() {
    int n = 100_003;
    AtomicLong calls = new AtomicLong();
    Set<String> threads = ConcurrentHashMap.newKeySet();
    LArray a = LArray.fromFunction(n, i -> {
      calls.incrementAndGet();
      threads.add(Thread.currentThread().getName());
      return Math.sin(i);
    }).times(LArray.of(IntStream.range(0, n).asDoubleStream().toArray())).plus(1).lt(0.5);
    Evaluated sequential = a.evaluate();
    assertThat(calls.get()).isEqualTo(n);
    Evaluated parallel = a.evaluate(pool, 8);
    assertThat(calls.get()).isEqualTo(2L * n);
    assertThat(parallel).isEqualTo(sequential);
    assertThat(threads.stream().filter(t -> t.startsWith("pool"))).hasSizeGreaterThan(1);
    assertThat(a.get(Address.parse("::-7"), pool, 4)).isEqualTo(a.get("::-7"));
  }

  @Test
  void aResultComputedInChunksReadsLikeOneArrayForEveryType() {
    int n = 3 * Kernel.BLOCK + 17; // chunks of whole blocks, the last one shorter
    LArray base = LArray.fromLongFunction(n, i -> (1L << 40) + i);
    LArray index = LArray.fromIntFunction(n, i -> i % 97);
    List<LArray> arrays = List.of(base, base.times(3).plus(0.5), base.fmod(7).lt(3), base.combine(BinaryOp.FMOD, 1000)
        .times(LArray.of(IntStream.range(0, n).toArray())).map(UnaryOp.ABS),
        LArray.where(base.mod(3).eq(0), base.sqrt(), LArray.fromFunction(n, i -> -i)),
        LArray.fromLongFunction(97, i -> 3L * i).applyTo(index).minus(index),
        MutableLArray.of(index).addInPlace(7L).get());
    for (LArray a : arrays) {
      Evaluated sequential = a.evaluate();
      Evaluated parallel = a.evaluate(pool, 3);
      assertThat(parallel.elementType()).isEqualTo(sequential.elementType());
      assertThat(parallel.toDoubleArray()).containsExactly(sequential.toDoubleArray());
      for (int i : new int[] {0, Kernel.BLOCK - 1, Kernel.BLOCK, 2 * Kernel.BLOCK + 5, n - 1}) {
        assertThat(parallel.getDouble(i)).as("element %d", i).isEqualTo(sequential.getDouble(i));
      }
      assertThat(parallel.get("-3:")).isEqualTo(sequential.get("-3:"));
      assertThat(LArray.of(parallel).plus(1).evaluate()).isEqualTo(LArray.of(sequential).plus(1).evaluate());
      assertThat(parallel).isEqualTo(sequential).hasSameHashCodeAs(sequential);
    }
    Evaluated small = LArray.of(new int[] {1, 2, 3}).evaluate(pool, 4);
    assertThat(small.toString()).isEqualTo("[1, 2, 3]");
  }

  @Test
  void vectorizedSourceGivesTheSameValuesInParallel() {
    LArray seq = LArray.fromVectorized(counting(), Shape.of(50_000)).sqrt();
    LArray par = LArray.fromVectorized(counting(), Shape.of(50_000)).sqrt();
    assertThat(par.evaluate(pool, 4)).isEqualTo(seq.evaluate());
  }

  private static VectorizedSource counting() {
    double[] next = {0};
    return n -> {
      double[] out = new double[n];
      for (int k = 0; k < n; k++) {
        out[k] = next[0]++;
      }
      return out;
    };
  }

  @Test
  void failuresInAWorkerReachTheCaller() {
    LArray a = LArray.fromFunction(10_000, i -> {
      if (i == 9_000) {
        throw new IllegalStateException("bad element " + i);
      }
      return i;
    });
    assertThatThrownBy(() -> a.evaluate(pool, 4)).isInstanceOf(IllegalStateException.class)
        .hasMessage("bad element 9000");
    assertThatThrownBy(() -> a.evaluate(pool, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenTheExecutorRefusesAChunkTheChunksItTookEndBeforeTheCallerGetsTheError() {
    // 4096 elements on 2 chunks of 2048; the executor runs chunk 0 on a thread of its own, then refuses chunk 1
    // once chunk 0 is inside f. Chunk 0 waits in f(0) (at most 500 ms) for the caller to get its error: it must not
    // get one before chunk 0 is over, else f would still be running for an evaluation that has already failed.
    CountDownLatch inF = new CountDownLatch(1);
    CountDownLatch callerReturned = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger submitted = new AtomicInteger();
    RejectedExecutionException full = new RejectedExecutionException("executor full");
    Executor oneThenRefuse = r -> {
      if (submitted.getAndIncrement() == 0) {
        new Thread(r, "chunk-0").start();
        return;
      }
      await(inF, 10_000);
      throw full;
    };
    LArray a = LArray.fromFunction(4096, i -> {
      if (i == 0) {
        inF.countDown();
        await(callerReturned, 500);
      }
      calls.incrementAndGet();
      return i;
    });
    int callsWhenTheCallerGotTheError = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
      try {
        a.evaluate(oneThenRefuse, 2);
        throw new AssertionError("the refusal was not reported");
      } catch (RejectedExecutionException e) {
        assertThat(e).isSameAs(full);
        return calls.get();
      } finally {
        callerReturned.countDown();
      }
    });
    assertThat(callsWhenTheCallerGotTheError).as("chunk 0 had computed all its 2048 elements").isEqualTo(2048);
  }

  private static void await(CountDownLatch latch, long millis) {
    try {
      latch.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void iteratorIsDrainedExactlyOnceUnderContention() throws Exception {
    int threads = 64;
    AtomicInteger pulled = new AtomicInteger();
    LArray a = LArray.fromIterator(IntStream.range(0, 1000).peek(i -> pulled.incrementAndGet()).boxed().iterator(),
        ElementType.INT, Shape.of(1000)).times(2);
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService many = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Evaluated>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int from = t;
        results.add(many.submit(() -> {
          start.await();
          return a.get(Index.slice(from, 1000, threads));
        }));
      }
      for (int t = 0; t < threads; t++) {
        assertThat(results.get(t).get().toIntArray()).containsExactly(expected(t, threads));
      }
    } finally {
      many.shutdownNow();
    }
    assertThat(pulled.get()).isEqualTo(1000);
  }

  private static int[] expected(int from, int step) {
    return IntStream.iterate(from, i -> i < 1000, i -> i + step).map(i -> 2 * i).toArray();
  }
}
