package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 10, item 2: no depth limit for dynamic reads. The threads are made with a 1 MiB stack, the JVM's default on
 * 64-bit Linux (the test JVM itself runs with a raised -Xss, which must not help).
 */
class DepthTest {
  private static final long DEFAULT_STACK = 1L << 20;

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aHundredThousandComputedNodesEachReadingThePreviousEvaluateOnADefaultStack(String mode,
      Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    Source<Integer> bottom = g.source("bottom", 0);
    Node<Integer> n = bottom;
    int depth = 100_000;
    for (int i = 0; i < depth; i++) {
      Node<Integer> previous = n;
      n = g.computed("c" + i, () -> previous.get() + 1);
    }
    Node<Integer> top = n;

    int first = onDefaultStack(top::get);
    assertThat(first).isEqualTo(depth);
    bottom.set(10);
    assertThat(top.state()).isEqualTo(NodeState.STALE);
    int again = onDefaultStack(top::get);
    assertThat(again).as("after the bottom source changed").isEqualTo(depth + 10);
  }

  private static <T> T onDefaultStack(Supplier<T> body) throws Exception {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread t = new Thread(null, () -> {
      try {
        result.complete(body.get());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, "default-stack", DEFAULT_STACK);
    t.start();
    return result.get(120, TimeUnit.SECONDS);
  }
}
