package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The count of running functions that the get()'s own thread keeps once for all the functions it runs inline
 * ({@code Evaluation.countInline}) ends whatever ends the get(): an Error from the function, a read of another graph
 * from inside it, a timeout shorter than the work. A count left on would refuse every later read on a common-pool
 * worker ("a read on a worker of the common pool while a function of the graph runs").
 */
class RunningCountHostileTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void anErrorFromAFunctionRunInlineEndsTheCount(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Fn1<Integer, Integer> twice = g.fn1("Twice", x -> 2 * x);
    Node<Integer> assertion = twice.call(g.computed("assertion", () -> {
      throw new AssertionError("user assertion");
    }));
    Node<Integer> overflow = twice.call(g.computed("overflow", () -> {
      throw new StackOverflowError("user overflow");
    }));

    assertThatThrownBy(assertion::get).hasStackTraceContaining("user assertion");
    assertThat(g.isRunningFunctions()).as("after an AssertionError").isFalse();
    assertThatThrownBy(overflow::get).hasStackTraceContaining("user overflow");
    assertThat(g.isRunningFunctions()).as("after a StackOverflowError").isFalse();
    assertThat(twice.call(3).get()).isEqualTo(6); // the graph goes on
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFunctionReadingAnotherGraphCountsEachGraphOnlyWhileItRuns(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Graph other = graphs.get();
    Fn1<Integer, Integer> inc = other.fn1("Inc", x -> x + 1);
    Node<Integer> there = inc.call(inc.call(1));
    boolean[] otherCountedInside = new boolean[1];
    boolean[] ownCountedInside = new boolean[1];
    Node<Integer> here = g.computed("here", () -> {
      int v = there.get(); // a nested evaluation of the other graph on this thread
      otherCountedInside[0] = other.isRunningFunctions();
      ownCountedInside[0] = g.isRunningFunctions();
      return v * 10;
    });
    Node<Integer> failing = g.computed("failing", () -> {
      there.get();
      throw new AssertionError("after the read");
    });

    assertThat(here.get()).isEqualTo(30);
    assertThat(ownCountedInside[0]).as("the running function's own graph is counted").isTrue();
    assertThat(otherCountedInside[0]).as("the other graph's nested evaluation had ended").isFalse();
    assertThatThrownBy(failing::get).hasStackTraceContaining("after the read");
    assertThat(g.isRunningFunctions()).isFalse();
    assertThat(other.isRunningFunctions()).isFalse();
    // each later get() on this thread counts its graph again while its functions run (the frame was restored)
    assertThat(g.computed("probe", g::isRunningFunctions).get()).as("g counted in a later get()").isTrue();
    assertThat(other.computed("probe", other::isRunningFunctions).get()).as("other counted in a later get()")
        .isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aTimeoutShorterThanTheWorkLeavesNoCountOnceTheWorkEnds(String mode, Supplier<Graph> graphs)
      throws Exception {
    Graph g = graphs.get();
    CountDownLatch release = new CountDownLatch(1);
    Node<Integer> slow = g.computed("slow", () -> {
      release.await();
      return 7;
    });
    assertThatThrownBy(() -> slow.get(Duration.ofMillis(20))).isInstanceOf(TimeoutException.class);
    release.countDown();
    assertThat(slow.get()).isEqualTo(7); // waits for the run still going, or finds its value
    assertThat(g.isRunningFunctions()).isFalse();
  }
}
