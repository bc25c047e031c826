package dev.sloth.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Guava issue 7140: {@code synchronized} memoizers pin virtual threads on JDK 21-23 (JEP 491 lifted monitor
 * pinning only in JDK 24). These tests prove, on any JDK, that Lazy's wait path holds no monitor.
 */
class LazyVirtualThreadTest {

  @Test
  void thousandVirtualThreadsBlockedInGetDoNotStarveOtherVirtualThreads() throws Exception {
    CountDownLatch supplierEntered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Lazy<String> slow = Lazy.of(() -> {
      calls.incrementAndGet();
      supplierEntered.countDown();
      LazyTest.await(release);
      return "slow value";
    });

    int blocked = 1_000;
    CountDownLatch allGot = new CountDownLatch(blocked);
    AtomicInteger right = new AtomicInteger();
    List<Thread> getters = new ArrayList<>();
    for (int i = 0; i < blocked; i++) {
      getters.add(Thread.ofVirtual().start(() -> {
        if (slow.get().equals("slow value")) {
          right.incrementAndGet();
        }
        allGot.countDown();
      }));
    }
    supplierEntered.await();
    for (Thread t : getters) {
      LazyTest.awaitWaiting(t); // every getter is parked inside get() (or, for one, inside the supplier)
    }

    // More independent virtual threads than there are carriers; they must all run while 1,000 are blocked.
    int others = 4 * Runtime.getRuntime().availableProcessors() + 16;
    CountDownLatch progressed = new CountDownLatch(others);
    for (int i = 0; i < others; i++) {
      Thread.ofVirtual().start(progressed::countDown);
    }
    assertThat(progressed.await(30, TimeUnit.SECONDS))
        .as("virtual threads progress while 1,000 wait on one Lazy")
        .isTrue();
    assertThat(allGot.getCount()).isEqualTo(blocked);

    release.countDown();
    assertThat(allGot.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(right).hasValue(blocked);
    assertThat(calls).hasValue(1);
  }

  @Test
  void noMonitorIsHeldWhileTheSupplierRunsAndWaitersParkInsteadOfBlocking() throws Exception {
    MonitorProbe probe = probe(Lazy::of);
    assertThat(probe.ownerMonitors).as("monitors held by the computing thread").isEmpty();
    assertThat(probe.waiterState).as("parked, not blocked on a monitor")
        .isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING);
  }

  @Test
  void theProbeDetectsASynchronizedMemoizer() throws Exception {
    MonitorProbe probe = probe(SynchronizedMemoizer::new);
    assertThat(probe.ownerMonitors).isNotEmpty();
    assertThat(probe.waiterState).isEqualTo(Thread.State.BLOCKED);
  }

  private record MonitorProbe(List<String> ownerMonitors, Thread.State waiterState) {}

  private static MonitorProbe probe(java.util.function.Function<Supplier<String>, Supplier<String>> memoizer)
      throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Supplier<String> memo = memoizer.apply(() -> {
      entered.countDown();
      LazyTest.await(release);
      return "x";
    });
    Thread owner = Thread.ofPlatform().start(memo::get);
    entered.await();
    Thread waiter = Thread.ofPlatform().start(memo::get);
    while (waiter.getState() != Thread.State.WAITING && waiter.getState() != Thread.State.TIMED_WAITING
        && waiter.getState() != Thread.State.BLOCKED) {
      Thread.onSpinWait();
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    ThreadInfo info = mx.getThreadInfo(new long[] {owner.threadId()}, true, false)[0];
    List<String> monitors = new ArrayList<>();
    for (var m : info.getLockedMonitors()) {
      monitors.add(m.getClassName());
    }
    Thread.State waiterState = waiter.getState();
    release.countDown();
    owner.join();
    waiter.join();
    return new MonitorProbe(monitors, waiterState);
  }

  /** The classic double-checked memoizer (as in Guava's Suppliers.memoize): the probe's control subject. */
  private static final class SynchronizedMemoizer implements Supplier<String> {
    private final Supplier<String> delegate;
    private volatile String value;

    SynchronizedMemoizer(Supplier<String> delegate) {
      this.delegate = delegate;
    }

    @Override
    public String get() {
      if (value == null) {
        synchronized (this) {
          if (value == null) {
            value = delegate.get();
          }
        }
      }
      return value;
    }
  }
}
