package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The graph's {@link FunctionRunner} hook: what it takes runs elsewhere, what it declines runs here. */
class FunctionRunnerTest {
  @Test
  void callsTheRunnerTakesCompleteWithItsStageAndTheOthersRunHere() throws Exception {
    Graph g = Graph.create();
    AtomicInteger localSquares = new AtomicInteger();
    AtomicInteger localAdds = new AtomicInteger();
    Fn1<Integer, Integer> square = g.fn1("Square", (Integer x) -> {
      localSquares.incrementAndGet();
      return x * x;
    });
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (Integer a, Integer b) -> {
      localAdds.incrementAndGet();
      return a + b;
    });
    ConcurrentLinkedQueue<List<Object>> taken = new ConcurrentLinkedQueue<>();
    ExecutorService elsewhere = Executors.newSingleThreadExecutor();
    try {
      g.runFunctionsWith(call -> {
        if (!call.functionName().equals("Square")) {
          return null;
        }
        taken.add(call.arguments());
        int x = (Integer) call.arguments().get(0);
        return CompletableFuture.supplyAsync(() -> 1000 * x * x, elsewhere); // "elsewhere" computes it scaled
      });
      Node<Integer> top = add.call(square.call(3), square.call(4));
      assertThat(top.get()).isEqualTo(9000 + 16000);
      assertThat(localSquares).hasValue(0);
      assertThat(localAdds).hasValue(1);
      assertThat(taken).containsExactlyInAnyOrder(List.of(3), List.of(4));
      assertThat(top.get()).isEqualTo(25000); // cached like any node: nothing is asked again
      assertThat(taken).hasSize(2);
    } finally {
      elsewhere.shutdownNow();
    }
  }

  @Test
  void aFailedStageOrAThrowingRunnerFailsOnlyItsNodeWithItsPath() {
    Graph g = Graph.create();
    Fn1<Integer, Integer> inverse = g.fn1("Inverse", (Integer x) -> 100 / x);
    Fn1<Integer, Integer> plusOne = g.fn1("PlusOne", (Integer x) -> x + 1);
    g.runFunctionsWith(call -> {
      if (!call.functionName().equals("Inverse")) {
        return null;
      }
      int x = (Integer) call.arguments().get(0);
      if (x < 0) {
        throw new IllegalStateException("the runner refuses negative " + x);
      }
      return x == 0 ? CompletableFuture.failedFuture(new ArithmeticException("/ by zero, elsewhere"))
          : CompletableFuture.completedFuture(100 / x);
    });
    Node<Integer> zero = plusOne.call(inverse.call(0));
    assertThatThrownBy(zero::get).isInstanceOf(EvaluationException.class)
        .hasMessageContaining(zero.name() + " -> ")
        .cause().isInstanceOf(ArithmeticException.class).hasMessage("/ by zero, elsewhere");
    Node<Integer> negative = inverse.call(-1);
    assertThatThrownBy(negative::get).isInstanceOf(EvaluationException.class)
        .cause().isInstanceOf(IllegalStateException.class).hasMessage("the runner refuses negative -1");
    assertThat(plusOne.call(inverse.call(4)).get()).isEqualTo(26);
  }

  @Test
  void aGraphHasAtMostOneRunner() {
    Graph g = Graph.create();
    FunctionRunner none = call -> null;
    g.runFunctionsWith(none);
    assertThatThrownBy(() -> g.runFunctionsWith(call -> null)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("already runs its functions with");
    assertThat(g.fn1("Id", (Integer x) -> x).call(5).get()).isEqualTo(5); // a runner that declines changes nothing
  }

  /**
   * A computed node's {@code functionName()} is the name it was given, the same for every live node of that name
   * (the second is shown as {@code Now#2}, its node's name), so that a runner or a persistent cache can apply one rule
   * to all of them; before, it was the numbered display name, and sloth-cache had to strip the number again.
   */
  @Test
  void aComputedNodesFunctionNameIsTheNameItWasGivenNotItsNumberedName() {
    Graph g = Graph.create();
    ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    g.runFunctionsWith(call -> {
      seen.add(call.functionName() + " " + call.node().name());
      return null; // run here
    });
    Node<Integer> first = g.computed("Now", () -> 1);
    Node<Integer> second = g.computed("Now", () -> 2);
    Node<Integer> literal = g.computed("Then#7", () -> 3);
    assertThat(first.get() + second.get() + literal.get()).isEqualTo(6);
    assertThat(seen).containsExactly("Now Now", "Now Now#2", "Then#7 Then#7");
  }
}
