package dev.sloth.lazy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LazyTest {

  @Test
  void computesOnFirstGetOnly() {
    AtomicInteger calls = new AtomicInteger();
    Lazy<String> lazy = Lazy.of(() -> "v" + calls.incrementAndGet());

    assertThat(calls).hasValue(0);
    assertThat(lazy.isEvaluated()).isFalse();
    assertThat(lazy.get()).isEqualTo("v1");
    assertThat(lazy.get()).isEqualTo("v1");
    assertThat(calls).hasValue(1);
    assertThat(lazy.isEvaluated()).isTrue();
  }

  @Test
  void nullIsALegalCachedValue() {
    AtomicInteger calls = new AtomicInteger();
    Lazy<String> lazy = Lazy.of(() -> {
      calls.incrementAndGet();
      return null;
    });

    assertThat(lazy.get()).isNull();
    assertThat(lazy.get()).isNull();
    assertThat(calls).hasValue(1);
    assertThat(lazy.isEvaluated()).isTrue();
    assertThat(lazy).hasToString("Lazy[null]");
  }

  @Test
  void failureIsNotCachedByDefaultAndPropagatesUnchanged() {
    AtomicInteger calls = new AtomicInteger();
    IllegalStateException boom = new IllegalStateException("boom");
    Lazy<String> lazy = Lazy.of(() -> {
      if (calls.incrementAndGet() == 1) {
        throw boom;
      }
      return "ok";
    });

    assertThatThrownBy(lazy::get).isSameAs(boom);
    assertThat(lazy.isEvaluated()).isFalse();
    assertThat(lazy).hasToString("Lazy[unevaluated]");
    assertThat(lazy.get()).isEqualTo("ok");
    // A naive memoizer would rethrow the stale exception here; the value must win.
    assertThat(lazy.get()).isEqualTo("ok");
    assertThat(calls).hasValue(2);
  }

  @Test
  void cacheFailureRemembersTheFailureUntilReset() {
    AtomicInteger calls = new AtomicInteger();
    Lazy<String> lazy = Lazy.builder().cacheFailure().build(() -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalArgumentException("bad config");
      }
      return "ok";
    });

    Throwable first = org.assertj.core.api.Assertions.catchThrowable(lazy::get);
    assertThat(first).isInstanceOf(IllegalArgumentException.class).hasMessage("bad config");
    assertThatThrownBy(lazy::get).isSameAs(first);
    assertThat(calls).hasValue(1);
    assertThat(lazy.isEvaluated()).as("a cached failure is not a value").isFalse();
    assertThat(lazy.state()).isEqualTo(Lazy.State.FAILED);
    assertThat(lazy.toString()).isEqualTo("Lazy[failed: java.lang.IllegalArgumentException: bad config]");

    lazy.reset();
    assertThat(lazy.get()).isEqualTo("ok");
    assertThat(calls).hasValue(2);
  }

  @Test
  void errorsPropagateUnchangedToo() {
    StackOverflowError error = new StackOverflowError("deep");
    Lazy<String> lazy = Lazy.of(() -> {
      throw error;
    });
    assertThatThrownBy(lazy::get).isSameAs(error);
  }

  @Test
  void reentrantGetThrowsInsteadOfDeadlocking() {
    AtomicReference<Lazy<Integer>> self = new AtomicReference<>();
    self.set(Lazy.of(() -> self.get().get() + 1));

    assertThatThrownBy(() -> self.get().get())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("from inside its own supplier");
    assertThat(self.get().isEvaluated()).isFalse();
  }

  @Test
  void cycleThroughAnotherLazyOnTheSameThreadIsDetected() {
    AtomicReference<Lazy<Integer>> a = new AtomicReference<>();
    Lazy<Integer> b = Lazy.of(() -> a.get().get() * 2);
    a.set(Lazy.of(() -> b.get() + 1));

    assertThatThrownBy(() -> a.get().get()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cycle");
  }

  @Test
  void resetOfResettableLazyRecomputes() {
    AtomicInteger calls = new AtomicInteger();
    Lazy<Integer> lazy = Lazy.builder().resettable().build(calls::incrementAndGet);

    lazy.reset(); // nothing cached: no-op
    assertThat(calls).hasValue(0);
    assertThat(lazy.get()).isEqualTo(1);
    lazy.reset();
    assertThat(lazy.isEvaluated()).isFalse();
    assertThat(lazy.get()).isEqualTo(2);
    assertThat(lazy.get()).isEqualTo(2);
  }

  /**
   * Reads after the first copy a final value into the one-field fast path; a resettable Lazy's value is never final,
   * so a reset after many reads (both {@code get} forms) still recomputes, and a {@code null} value stays cached.
   */
  @Test
  void valuesReadManyTimesStayCachedUnlessResettableAndReset() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Lazy<Integer> resettable = Lazy.builder().resettable().build(calls::incrementAndGet);
    for (int i = 0; i < 3; i++) {
      assertThat(resettable.get()).isEqualTo(1);
      assertThat(resettable.get(java.time.Duration.ofSeconds(5))).isEqualTo(1);
    }
    resettable.reset();
    assertThat(resettable.get(java.time.Duration.ofSeconds(5))).isEqualTo(2);
    assertThat(resettable.get()).isEqualTo(2);
    resettable.reset();
    assertThat(resettable.get()).isEqualTo(3);

    AtomicInteger nullCalls = new AtomicInteger();
    Lazy<Object> nothing = Lazy.of(() -> {
      nullCalls.incrementAndGet();
      return null;
    });
    for (int i = 0; i < 3; i++) {
      assertThat(nothing.get()).isNull();
      assertThat(nothing.get(java.time.Duration.ofSeconds(5))).isNull();
    }
    assertThat(nullCalls).hasValue(1);
    assertThat(nothing.state()).isEqualTo(Lazy.State.EVALUATED);
  }

  @Test
  void resetAfterSupplierWasReleasedExplainsHowToAllowIt() {
    Lazy<Integer> lazy = Lazy.of(() -> 1);
    lazy.get();
    assertThatThrownBy(lazy::reset)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Lazy.builder().resettable()");
    assertThat(lazy.get()).isEqualTo(1);
  }

  @Test
  void supplierIsReleasedAfterSuccess() {
    Object captured = new Object();
    WeakReference<Object> ref = new WeakReference<>(captured);
    Lazy<Integer> lazy = Lazy.of(new CapturingSupplier(captured));
    captured = null;

    assertThat(lazy.get()).isEqualTo(42);
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
    }
    assertThat(ref.get()).as("what the supplier captured is collectable after success").isNull();
    assertThat(lazy.get()).isEqualTo(42);
  }

  @Test
  void resettableLazyKeepsItsSupplier() {
    Object captured = new Object();
    WeakReference<Object> ref = new WeakReference<>(captured);
    Lazy<Integer> lazy = Lazy.builder().resettable().build(new CapturingSupplier(captured));
    captured = null;

    assertThat(lazy.get()).isEqualTo(42);
    System.gc();
    assertThat(ref.get()).isNotNull();
    lazy.reset();
    assertThat(lazy.get()).isEqualTo(42);
  }

  @Test
  void aCachedFailureReadInsideAnotherSupplierDoesNotKeepThatSupplierAlive() {
    IllegalStateException boom = new IllegalStateException("no configuration found");
    Lazy<Integer> remembered = Lazy.builder().cacheFailure().build(() -> {
      throw boom;
    });
    Object captured = new Object();
    WeakReference<Object> ref = new WeakReference<>(captured);
    Lazy<Integer> reader = Lazy.of(new FallbackSupplier(remembered, captured));
    captured = null;

    assertThat(reader.get()).isEqualTo(-1);
    for (int i = 0; i < 50 && ref.get() != null; i++) {
      System.gc();
    }
    assertThat(ref.get())
        .as("the released supplier of a Lazy that read a cached failure is collectable after its success")
        .isNull();
    assertThat(remembered.state()).isEqualTo(Lazy.State.FAILED);
    assertThatThrownBy(remembered::get).isSameAs(boom);
  }

  /** Reads {@code source} and falls back to -1 if it fails; keeps {@code captured} for as long as it lives. */
  private record FallbackSupplier(Lazy<Integer> source, Object captured) implements Supplier<Integer> {
    @Override
    public Integer get() {
      try {
        return source.get() + (captured.hashCode() == Integer.MIN_VALUE ? 1 : 0);
      } catch (IllegalStateException e) {
        return -1;
      }
    }
  }

  private record CapturingSupplier(Object captured) implements Supplier<Integer> {
    @Override
    public Integer get() {
      return captured.hashCode() == Integer.MIN_VALUE ? 0 : 42;
    }
  }

  @Test
  void toStringNeverForces() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Lazy<String> lazy = Lazy.of(() -> {
      calls.incrementAndGet();
      entered.countDown();
      await(release);
      return "done";
    });

    assertThat(lazy).hasToString("Lazy[unevaluated]");
    assertThat(calls).hasValue(0);
    Thread t = Thread.ofPlatform().start(lazy::get);
    entered.await();
    assertThat(lazy).hasToString("Lazy[computing]");
    release.countDown();
    t.join();
    assertThat(lazy).hasToString("Lazy[done]");
    assertThat(calls).hasValue(1);
  }

  @Test
  void mapAndFlatMapAreLazyAndComposeValues() {
    AtomicInteger calls = new AtomicInteger();
    Lazy<String> text = Lazy.of(() -> {
      calls.incrementAndGet();
      return "sloth";
    });
    Lazy<Integer> length = text.map(String::length);
    Lazy<String> shout = text.flatMap(s -> Lazy.of(() -> s.toUpperCase()));

    assertThat(calls).hasValue(0);
    assertThat(length.get()).isEqualTo(5);
    assertThat(shout.get()).isEqualTo("SLOTH");
    assertThat(calls).hasValue(1);
    assertThatThrownBy(() -> text.flatMap(s -> null).get())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("flatMap's mapper returned null");
  }

  @Test
  void nullArgumentsAreRejectedEarly() {
    assertThatThrownBy(() -> Lazy.of(null)).isInstanceOf(NullPointerException.class).hasMessage("supplier");
    assertThatThrownBy(() -> Lazy.of(() -> 1).map(null)).hasMessage("mapper");
  }

  @Test
  void sixtyFourThreadsStartedByABarrierComputeOnce() throws Exception {
    for (int round = 0; round < 20; round++) {
      AtomicInteger calls = new AtomicInteger();
      Lazy<Integer> lazy = Lazy.of(calls::incrementAndGet);
      List<Integer> seen = java.util.Collections.synchronizedList(new ArrayList<>());
      java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(64);
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        threads.add(Thread.ofPlatform().start(() -> {
          await(barrier);
          seen.add(lazy.get());
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
      assertThat(calls).hasValue(1);
      assertThat(seen).hasSize(64).containsOnly(1);
    }
  }

  @Test
  void getAndResetUnderContentionNeverDeadlockAndNeverOverlapComputations() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger running = new AtomicInteger();
    AtomicInteger overlaps = new AtomicInteger();
    Lazy<Integer> lazy = Lazy.builder().resettable().build(() -> {
      if (running.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      int n = calls.incrementAndGet();
      running.decrementAndGet();
      return n;
    });
    java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(64);
    AtomicInteger badValues = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      boolean resetter = i % 8 == 0;
      threads.add(Thread.ofPlatform().start(() -> {
        await(barrier);
        for (int k = 0; k < 2_000; k++) {
          if (resetter) {
            lazy.reset();
          } else {
            int v = lazy.get();
            if (v < 1 || v > calls.get()) {
              badValues.incrementAndGet();
            }
          }
        }
      }));
    }
    for (Thread t : threads) {
      t.join(60_000);
      assertThat(t.isAlive()).as("deadlocked").isFalse();
    }
    assertThat(overlaps).as("computations never run concurrently").hasValue(0);
    assertThat(badValues).hasValue(0);
    int last = lazy.get();
    assertThat(lazy.get()).isEqualTo(last);
    assertThat(calls.get()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void waitersOfAFailedAttemptShareItsExceptionAndTheNextCallRetries() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    RuntimeException boom = new RuntimeException("service down");
    Lazy<String> lazy = Lazy.of(() -> {
      if (calls.incrementAndGet() == 1) {
        entered.countDown();
        await(release);
        throw boom;
      }
      return "up";
    });

    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    Thread owner = Thread.ofPlatform().start(() -> catching(lazy, failures));
    entered.await();
    List<Thread> waiters = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      waiters.add(Thread.ofPlatform().start(() -> catching(lazy, failures)));
    }
    for (Thread w : waiters) {
      awaitWaiting(w);
    }
    release.countDown();
    owner.join();
    for (Thread w : waiters) {
      w.join();
    }
    assertThat(failures).hasSize(9).allSatisfy(f -> assertThat(f).isSameAs(boom));
    assertThat(calls).hasValue(1);
    assertThat(lazy.get()).isEqualTo("up");
    assertThat(calls).hasValue(2);
  }

  @Test
  void resetWhileComputingServesEarlyWaitersAndRecomputesForLateOnes() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Lazy<Integer> lazy = Lazy.of(() -> {
      int n = calls.incrementAndGet();
      if (n == 1) {
        entered.countDown();
        await(release);
      }
      return n;
    });
    int[] early = new int[1];
    int[] late = new int[1];
    Thread owner = Thread.ofPlatform().start(lazy::get);
    entered.await();
    Thread earlyWaiter = Thread.ofPlatform().start(() -> early[0] = lazy.get());
    awaitWaiting(earlyWaiter);

    lazy.reset();
    assertThat(lazy).hasToString("Lazy[computing]");
    Thread lateWaiter = Thread.ofPlatform().start(() -> late[0] = lazy.get());
    awaitWaiting(lateWaiter);
    assertThat(calls).as("the late caller waits for the in-flight run").hasValue(1);

    release.countDown();
    owner.join();
    earlyWaiter.join();
    lateWaiter.join();
    assertThat(early[0]).isEqualTo(1);
    assertThat(late[0]).isEqualTo(2);
    assertThat(lazy.get()).isEqualTo(2);
    assertThat(calls).hasValue(2);
  }

  /** Model: the value is the first successful attempt's; default retries each failure, cacheFailure never. */
  @Property(tries = 200)
  void failurePolicyMatchesModel(@ForAll @Size(max = 6) List<Boolean> attemptFails,
      @ForAll boolean cacheFailure, @ForAll @IntRange(min = 1, max = 10) int gets) {
    AtomicInteger calls = new AtomicInteger();
    Supplier<Integer> supplier = () -> {
      int n = calls.incrementAndGet();
      if (n <= attemptFails.size() && attemptFails.get(n - 1)) {
        throw new IllegalStateException("attempt " + n);
      }
      return n;
    };
    Lazy<Integer> lazy = cacheFailure ? Lazy.builder().cacheFailure().build(supplier) : Lazy.of(supplier);
    List<Object> outcomes = new ArrayList<>();
    for (int i = 0; i < gets; i++) {
      try {
        outcomes.add(lazy.get());
      } catch (IllegalStateException e) {
        outcomes.add(e.getMessage());
      }
    }

    List<Object> expected = new ArrayList<>();
    int attempt = 0;
    Object cached = null;
    for (int i = 0; i < gets; i++) {
      if (cached != null) {
        expected.add(cached);
        continue;
      }
      attempt++;
      boolean fails = attempt <= attemptFails.size() && attemptFails.get(attempt - 1);
      Object outcome = fails ? "attempt " + attempt : (Object) attempt;
      if (!fails || cacheFailure) {
        cached = outcome;
      }
      expected.add(outcome);
    }
    assertThat(outcomes).isEqualTo(expected);
    assertThat(calls).hasValue(attempt);
  }

  private static void catching(Lazy<?> lazy, List<Throwable> failures) {
    try {
      lazy.get();
    } catch (RuntimeException e) {
      failures.add(e);
    }
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static void await(java.util.concurrent.CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Blocks until {@code t} is parked (WAITING, or TIMED_WAITING: a waiter rechecks its flight every 100 ms): the only
   * way to observe "is inside get() and waiting".
   */
  static void awaitWaiting(Thread t) {
    while (t.getState() != Thread.State.WAITING && t.getState() != Thread.State.TIMED_WAITING) {
      if (!t.isAlive()) {
        throw new AssertionError(t + " ended instead of waiting");
      }
      Thread.onSpinWait();
    }
  }
}
