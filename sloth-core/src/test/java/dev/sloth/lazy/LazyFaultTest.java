package dev.sloth.lazy;

import static dev.sloth.lazy.LazyTest.await;
import static dev.sloth.lazy.LazyTest.awaitWaiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Lazy under faults: stack overflows, interrupts, timeouts, cycles across threads, and what the states say. */
class LazyFaultTest {

  // ------------------------------------------------------------------------------------------ stack overflow

  /**
   * A chain of Lazies nested by their suppliers overflows the stack somewhere; wherever it strikes (8 frame shapes
   * times 6 stack sizes), no Lazy may stay computing and the chain must still evaluate afterwards.
   */
  @Test
  void aStackOverflowInAnyFrameEndsTheAttemptAtEveryStackSize() throws Exception {
    for (String xss : List.of("256k", "320k", "448k", "576k", "704k", "1m")) {
      String out = runChild(List.of("-Xss" + xss), "overflow", "30000");
      assertThat(out).as("child JVM with -Xss" + xss).startsWith("OK");
      assertThat(out).as("the chain must really overflow at -Xss" + xss).isNotEqualTo("OK 0 overflows");
    }
  }

  /** issue 10, item 2: chained map (and flatMap) of 100,000 levels on a thread with the JVM's default stack. */
  @Test
  void mapAndFlatMapChainsOfAHundredThousandEvaluateOnTheDefaultStack() throws Exception {
    assertThat(runChild(List.of(), "mapchain", "100000")).isEqualTo("OK [100000, 100000]");
  }

  @Test
  void aMapChainEvaluatesEachLevelOnceAndFailuresReachTheTopUnchanged() {
    AtomicInteger calls = new AtomicInteger();
    RuntimeException boom = new RuntimeException("bottom failed");
    AtomicInteger attempts = new AtomicInteger();
    Lazy<Integer> bottom = Lazy.of(() -> {
      if (attempts.incrementAndGet() == 1) {
        throw boom;
      }
      return 0;
    });
    Lazy<Integer> top = bottom;
    for (int i = 0; i < 1000; i++) {
      top = top.map(x -> {
        calls.incrementAndGet();
        return x + 1;
      });
    }
    Lazy<Integer> last = top;
    assertThatThrownBy(last::get).isSameAs(boom);
    assertThat(calls).hasValue(0);
    assertThat(last.get()).isEqualTo(1000);
    assertThat(last.get()).isEqualTo(1000);
    assertThat(calls).hasValue(1000);
  }

  // --------------------------------------------------------------------------------- interrupts, timeouts

  @Test
  void anInterruptedWaiterLeavesWithCancellationAndTheComputationGoesOn() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Lazy<String> lazy = blocking("slow", entered, release, "done");
    Thread owner = Thread.ofPlatform().start(lazy::get);
    entered.await();
    AtomicReference<Throwable> seen = new AtomicReference<>();
    AtomicReference<Boolean> flagAfter = new AtomicReference<>();
    Thread waiter = Thread.ofPlatform().start(() -> {
      try {
        lazy.get();
      } catch (Throwable t) {
        seen.set(t);
        flagAfter.set(Thread.currentThread().isInterrupted());
      }
    });
    awaitWaiting(waiter);
    waiter.interrupt();
    waiter.join(10_000);
    assertThat(waiter.isAlive()).as("the interrupt frees the waiter").isFalse();
    assertThat(seen.get()).isInstanceOf(CancellationException.class).hasMessageContaining("slow")
        .hasMessageContaining("interrupted");
    assertThat(flagAfter.get()).as("interrupt flag restored").isTrue();
    assertThat(lazy.state()).isEqualTo(Lazy.State.COMPUTING);

    release.countDown();
    owner.join();
    assertThat(lazy.get()).isEqualTo("done");
  }

  @Test
  void aTimedGetGivesUpWaitingAndALaterOneGetsTheValue() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Lazy<String> lazy = Lazy.builder().name("index").build(() -> {
      calls.incrementAndGet();
      entered.countDown();
      await(release);
      return "built";
    });
    Thread owner = Thread.ofPlatform().start(lazy::get);
    entered.await();

    long start = System.nanoTime();
    assertThatThrownBy(() -> lazy.get(Duration.ofMillis(50))).isInstanceOf(TimeoutException.class)
        .hasMessageContaining("index was not ready within PT0.05S");
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
    assertThatThrownBy(() -> lazy.get(Duration.ZERO)).isInstanceOf(TimeoutException.class);

    release.countDown();
    owner.join();
    assertThat(lazy.get(Duration.ofSeconds(10))).isEqualTo("built");
    assertThat(calls).hasValue(1);
  }

  /** The source of a map chain is computing on another thread: a timed get of the chain waits for it no longer. */
  @Test
  void aTimedGetOfAMapWhoseSourceAnotherThreadComputesTimesOut() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger mapped = new AtomicInteger();
    Lazy<String> config = blocking("config", entered, release, "https://config.example.com");
    Lazy<Integer> length = config.map(url -> mapped.incrementAndGet() * url.length());
    Lazy<Integer> twice = config.map(String::length).map(n -> 2 * n);
    Thread owner = Thread.ofPlatform().start(config::get);
    try {
      entered.await();
      org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
        assertThatThrownBy(() -> length.get(Duration.ofMillis(50))).isInstanceOf(TimeoutException.class);
        assertThatThrownBy(() -> twice.get(Duration.ZERO)).isInstanceOf(TimeoutException.class);
      }, "a timed get of a map waited for its source beyond the timeout");
      assertThat(length.state()).as("nothing was started for the map").isEqualTo(Lazy.State.UNEVALUATED);
      assertThat(mapped).hasValue(0);
    } finally {
      release.countDown();
      owner.join();
    }
    assertThat(length.get(Duration.ofSeconds(10))).isEqualTo(26);
    assertThat(twice.get(Duration.ofSeconds(10))).isEqualTo(52);
    assertThat(mapped).hasValue(1);
  }

  /** A Lazy whose supplier says it has {@code entered}, then waits for {@code release} and returns {@code value}. */
  private static <T> Lazy<T> blocking(String name, CountDownLatch entered, CountDownLatch release, T value) {
    return Lazy.builder().name(name).build(() -> {
      entered.countDown();
      await(release);
      return value;
    });
  }

  @Test
  void aTimedGetOfAnUnevaluatedLazyComputesItOnTheCallingThread() throws Exception {
    Lazy<Thread> lazy = Lazy.of(Thread::currentThread);
    assertThat(lazy.get(Duration.ZERO)).isSameAs(Thread.currentThread());
    assertThatThrownBy(() -> lazy.get(null)).isInstanceOf(NullPointerException.class).hasMessage("timeout");
  }

  // ----------------------------------------------------------------------------------- cycles across threads

  /** Each supplier waits until the other thread has entered its own, then reads the other Lazy. */
  @Test
  void twoLaziesReadingEachOtherFromTwoThreadsThrowOnBothWithTheCycle() throws Exception {
    for (int round = 0; round < 20; round++) {
      CountDownLatch aEntered = new CountDownLatch(1);
      CountDownLatch bEntered = new CountDownLatch(1);
      AtomicReference<Lazy<Integer>> bRef = new AtomicReference<>();
      Lazy<Integer> a = Lazy.builder().name("a").build(() -> {
        aEntered.countDown();
        await(bEntered);
        return bRef.get().get() + 1;
      });
      Lazy<Integer> b = Lazy.builder().name("b").build(() -> {
        bEntered.countDown();
        await(aEntered);
        return a.get() + 1;
      });
      bRef.set(b);
      List<Throwable> failures = runAll(a, b);
      assertThat(failures).hasSize(2).allSatisfy(f -> {
        assertThat(f).isInstanceOf(LazyCycleException.class).hasMessageContaining("across threads");
        List<String> cycle = ((LazyCycleException) f).cycle();
        assertThat(cycle).hasSize(3).containsOnly("a", "b");
        assertThat(cycle.get(0)).isEqualTo(cycle.get(2));
      });
      assertThat(a.state()).isEqualTo(Lazy.State.UNEVALUATED);
      assertThat(b.state()).isEqualTo(Lazy.State.UNEVALUATED);
    }
  }

  /** Thread 1: a reads c (same thread), c reads b; thread 2: b reads a. The path names c too. */
  @Test
  void theCyclesPathNamesTheLaziesComputedOnTheWayOnEachThread() throws Exception {
    CountDownLatch cEntered = new CountDownLatch(1);
    CountDownLatch bEntered = new CountDownLatch(1);
    AtomicReference<Lazy<Integer>> bRef = new AtomicReference<>();
    Lazy<Integer> c = Lazy.builder().name("c").build(() -> {
      cEntered.countDown();
      await(bEntered);
      return bRef.get().get();
    });
    Lazy<Integer> a = Lazy.builder().name("a").build(() -> c.get() + 1);
    Lazy<Integer> b = Lazy.builder().name("b").build(() -> {
      bEntered.countDown();
      await(cEntered);
      return a.get() + 1;
    });
    bRef.set(b);
    List<Throwable> failures = runAll(a, b);
    assertThat(failures).hasSize(2).allSatisfy(f -> assertThat(f).isInstanceOf(LazyCycleException.class));
    List<List<String>> cycles = failures.stream().map(f -> ((LazyCycleException) f).cycle()).toList();
    assertThat(cycles).anySatisfy(cy -> assertThat(String.join(" -> ", cy))
        .isIn("b -> a -> c -> b", "a -> c -> b -> a", "c -> b -> a -> c"));
  }

  @Test
  void aCycleOnOneThreadNamesEveryLazyOnIt() {
    AtomicReference<Lazy<Integer>> aRef = new AtomicReference<>();
    Lazy<Integer> c = Lazy.builder().name("c").build(() -> aRef.get().get());
    Lazy<Integer> b = Lazy.builder().name("b").build(() -> c.get() + 1);
    Lazy<Integer> a = Lazy.builder().name("a").build(() -> b.get() + 1);
    aRef.set(a);
    assertThatThrownBy(a::get).isInstanceOf(LazyCycleException.class)
        .hasMessageContaining("from inside its own supplier: cycle a -> b -> c -> a")
        .satisfies(e -> assertThat(((LazyCycleException) e).cycle()).containsExactly("a", "b", "c", "a"));
  }

  /** Two threads waiting on each other only through a third that is running are not a cycle. */
  @Test
  void waitingForAThreadThatIsRunningIsNotACycle() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch entered = new CountDownLatch(1);
    Lazy<Integer> slow = Lazy.builder().name("slow").build(() -> {
      entered.countDown();
      await(release);
      return 1;
    });
    Lazy<Integer> x = Lazy.builder().name("x").build(() -> slow.get() + 1);
    Lazy<Integer> y = Lazy.builder().name("y").build(() -> slow.get() + 2);
    Thread owner = Thread.ofPlatform().start(slow::get);
    entered.await();
    AtomicReference<Object> rx = new AtomicReference<>();
    AtomicReference<Object> ry = new AtomicReference<>();
    Thread tx = Thread.ofPlatform().start(() -> rx.set(x.get()));
    Thread ty = Thread.ofPlatform().start(() -> ry.set(y.get()));
    awaitWaiting(tx);
    awaitWaiting(ty);
    release.countDown();
    for (Thread t : List.of(owner, tx, ty)) {
      t.join(10_000);
      assertThat(t.isAlive()).isFalse();
    }
    assertThat(rx.get()).isEqualTo(2);
    assertThat(ry.get()).isEqualTo(3);
  }

  /**
   * A supplier that hands the read of its own Lazy to another thread and blocks on the result waits outside any
   * {@code get()}, so no cycle can be seen (the guide says so); a timed get in the other thread is the way out.
   */
  @Test
  void aSupplierReadingItsOwnLazyThroughAnotherThreadEndsWhenThatReadIsTimed() throws Exception {
    java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
    try {
      AtomicReference<Lazy<String>> self = new AtomicReference<>();
      self.set(Lazy.builder().name("self").build(() -> {
        try {
          return other.submit(() -> self.get().get(Duration.ofMillis(50))).get(10, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          return "fallback after " + e.getCause().getClass().getSimpleName();
        } catch (InterruptedException | TimeoutException e) {
          throw new AssertionError("the other thread's timed read did not end", e);
        }
      }));
      String value = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20),
          () -> self.get().get());
      assertThat(value).isEqualTo("fallback after TimeoutException");
      assertThat(self.get().state()).isEqualTo(Lazy.State.EVALUATED);
    } finally {
      other.shutdownNow();
    }
  }

  // --------------------------------------------------------------------------------------------- states

  @Test
  void theStatesSayWhatTheyAre() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Lazy<String> slow = Lazy.of(() -> {
      entered.countDown();
      await(release);
      return "v";
    });
    assertThat(slow.state()).isEqualTo(Lazy.State.UNEVALUATED);
    Thread t = Thread.ofPlatform().start(slow::get);
    entered.await();
    assertThat(slow.state()).isEqualTo(Lazy.State.COMPUTING);
    assertThat(slow.isEvaluated()).isFalse();
    release.countDown();
    t.join();
    assertThat(slow.state()).isEqualTo(Lazy.State.EVALUATED);
    assertThat(slow.isEvaluated()).isTrue();

    Lazy<String> notCached = Lazy.of(() -> {
      throw new IllegalStateException("down");
    });
    assertThatThrownBy(notCached::get).hasMessage("down");
    assertThat(notCached.state()).isEqualTo(Lazy.State.UNEVALUATED);

    Lazy<String> cached = Lazy.builder().cacheFailure().build(() -> {
      throw new IllegalStateException("down");
    });
    assertThatThrownBy(cached::get).hasMessage("down");
    assertThat(cached.state()).isEqualTo(Lazy.State.FAILED);
    assertThat(cached.isEvaluated()).as("a cached failure is not an evaluated value").isFalse();
    cached.reset();
    assertThat(cached.state()).isEqualTo(Lazy.State.UNEVALUATED);
  }

  @Test
  void aNamedLazySaysItsNameAndAnUnnamedOneItsIdentity() {
    assertThat(Lazy.builder().name("config").build(() -> 1)).hasToString("Lazy[config: unevaluated]");
    Lazy<Integer> unnamed = Lazy.of(() -> 1);
    assertThat(unnamed.name()).startsWith("Lazy@");
    assertThat(unnamed).hasToString("Lazy[unevaluated]");
  }

  // ------------------------------------------------------------------------------------------- machinery

  /** Starts one thread per Lazy, each calling get(); returns what they threw. Fails if one is still alive. */
  private static List<Throwable> runAll(Lazy<?>... lazies) throws InterruptedException {
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (Lazy<?> l : lazies) {
      Thread t = new Thread(() -> {
        try {
          l.get();
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      t.setDaemon(true);
      t.start();
      threads.add(t);
    }
    for (Thread t : threads) {
      t.join(10_000);
      assertThat(t.isAlive()).as("deadlocked: " + t.getName()).isFalse();
    }
    return failures;
  }

  /** Runs {@link LazyChild} in a fresh JVM with {@code jvmArgs}; returns its last line of output. */
  static String runChild(List<String> jvmArgs, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(LazyChild.class.getName());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        return "FAIL the child JVM did not finish within 60 s (" + String.join(" ", jvmArgs) + ")";
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      String[] lines = out.split("\n");
      return lines[lines.length - 1].strip();
    } finally {
      p.destroyForcibly();
    }
  }
}
