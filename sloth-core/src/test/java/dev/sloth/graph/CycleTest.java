package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Item 11: cycles through dynamic reads are reported with their path, never waited on. */
class CycleTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aNodeThatReadsItselfIsACycle(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    AtomicReference<Node<Integer>> self = new AtomicReference<>();
    self.set(g.computed("self", () -> self.get().get() + 1));

    EvaluationException e = catchThrowableOfType(EvaluationException.class, () -> self.get().get());

    assertThat(e.getCause()).isInstanceOf(CycleException.class);
    assertThat(((CycleException) e.getCause()).cycle()).containsExactly("self", "self");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aLongerCycleIsReportedWithItsWholePath(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    AtomicReference<Node<Integer>> c = new AtomicReference<>();
    Node<Integer> a = g.computed("a", () -> c.get().get() + 1);
    Fn1<Integer, Integer> viaFn = g.fn1("B", x -> x + a.get());   // a wrapped function reading a
    Node<Integer> b = viaFn.call(1);
    c.set(g.computed("c", () -> b.get() + 1));

    EvaluationException e = catchThrowableOfType(EvaluationException.class, a::get);

    CycleException cycle = (CycleException) e.failures().get(0).cause();
    assertThat(cycle.cycle()).containsExactly("B#1", "a", "c", "B#1");
    assertThat(cycle.getMessage()).isEqualTo("dependency cycle: B#1 -> a -> c -> B#1");
    assertThat(e.getMessage()).contains("dependency cycle");
  }

  @Test
  void aCycleThroughAStaticArgumentIsFound() {
    Graph g = Graph.builder().sequential().build();
    AtomicReference<Node<Integer>> later = new AtomicReference<>();
    Node<Integer> reader = g.computed("reader", () -> later.get().get());
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    later.set(inc.call(reader)); // Inc's static argument is the reader, which reads Inc: a cycle

    EvaluationException e = catchThrowableOfType(EvaluationException.class, reader::get);

    assertThat(e).isNotNull();
    assertThat(e.getMessage()).contains("dependency cycle");
  }

  @RepeatedTest(50)
  void twoThreadsStartingFromBothEndsOfACycleDoNotDeadlock() throws Exception {
    Graph g = Graph.create();
    // A latch, not a barrier: a function may run again (the loser of the race re-runs the winner's failed node),
    // and must not wait for a second party then.
    CountDownLatch bothInside = new CountDownLatch(2);
    AtomicReference<Node<Integer>> bRef = new AtomicReference<>();
    Node<Integer> a = g.computed("a", () -> { await(bothInside); return bRef.get().get() + 1; });
    Node<Integer> b = g.computed("b", () -> { await(bothInside); return a.get() + 1; });
    bRef.set(b);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      // Each thread enters one end; both functions are running before either reads the other.
      List<Future<Throwable>> outcomes = new ArrayList<>();
      for (Node<Integer> start : List.of(a, b)) {
        outcomes.add(threads.submit(() -> {
          try {
            start.get();
            return null;
          } catch (Throwable t) {
            return t;
          }
        }));
      }
      Throwable first = outcomes.get(0).get(20, TimeUnit.SECONDS);
      Throwable second = outcomes.get(1).get(20, TimeUnit.SECONDS);

      assertThat(first != null || second != null).as("at least one thread reports the cycle").isTrue();
      for (Throwable t : new Throwable[] {first, second}) {
        if (t != null) {
          assertThat(t).isInstanceOf(EvaluationException.class).hasMessageContaining("dependency cycle");
        }
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static void await(CountDownLatch bothInside) {
    bothInside.countDown();
    try {
      if (!bothInside.await(20, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the other end never started");
      }
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
