package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Item 12: a get() that times out or is interrupted stops waiting and leaves the graph usable. */
class TimeoutTest {

  @org.junit.jupiter.api.Test
  void getWithATimeoutGivesUpTheWorkGoesOnAndTheGraphStaysUsable() throws Exception {
    Graph g = Graph.create();
    CountDownLatch open = new CountDownLatch(1);
    Counter runs = new Counter();
    Fn1<Integer, Integer> gate = g.fn1("Gate", FnOptions.defaults().blocking(), x -> {
      runs.hit("Gate");
      await(open);
      return x;
    });
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    Node<Integer> n = inc.call(gate.call(1));

    assertThatThrownBy(() -> n.get(Duration.ofMillis(50))).isInstanceOf(TimeoutException.class)
        .hasMessageContaining("Inc#1");
    open.countDown();
    assertThat(n.get(Duration.ofSeconds(20))).isEqualTo(2);
    assertThat(runs.of("Gate")).as("the timed-out run went on and was reused").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aTimeoutWhileAnotherThreadComputesTheNode(String mode, Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch open = new CountDownLatch(1);
    Fn1<Integer, Integer> gate = g.fn1("Gate", x -> { entered.countDown(); await(open); return x; });
    Node<Integer> n = gate.call(7);
    Thread owner = Thread.ofPlatform().start(n::get);
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();

    assertThatThrownBy(() -> n.get(Duration.ofMillis(30))).isInstanceOf(TimeoutException.class);

    open.countDown();
    owner.join();
    assertThat(n.get()).isEqualTo(7);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void anInterruptedGetStopsWaiting(String mode, Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch open = new CountDownLatch(1);
    Fn1<Integer, Integer> gate = g.fn1("Gate", x -> { entered.countDown(); await(open); return x; });
    Node<Integer> n = gate.call(7);
    Thread owner = Thread.ofPlatform().start(n::get);
    assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
    AtomicReference<Throwable> seen = new AtomicReference<>();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread waiter = Thread.ofPlatform().start(() -> {
      waiting.countDown();
      try {
        n.get();
      } catch (Throwable t) {
        seen.set(Thread.currentThread().isInterrupted() ? new InterruptedFlagKept(t) : t);
      }
    });
    assertThat(waiting.await(20, TimeUnit.SECONDS)).isTrue();
    waiter.interrupt();
    waiter.join(20_000);

    assertThat(waiter.isAlive()).isFalse();
    assertThat(seen.get()).isInstanceOf(InterruptedFlagKept.class);
    assertThat(seen.get().getCause()).isInstanceOf(CancellationException.class).hasMessageContaining("interrupted");
    open.countDown();
    owner.join();
    assertThat(n.get()).isEqualTo(7);
  }

  private static final class InterruptedFlagKept extends RuntimeException {
    InterruptedFlagKept(Throwable cause) {
      super(cause);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("latch never opened");
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
