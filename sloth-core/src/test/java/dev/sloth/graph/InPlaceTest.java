package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 3, item 3: in-place functions get a private copy; other readers are not corrupted. */
class InPlaceTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void readersBeforeAndAfterAnInPlaceFunctionEachSeeTheRightValue(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Fn0<ArrayList<Integer>> load = g.fn0("Load", () -> new ArrayList<>(List.of(3, 1, 2)));
    Fn1<ArrayList<Integer>, ArrayList<Integer>> sortInPlace = g.fn1("SortInPlace", FnOptions.defaults().mutating(0),
        xs -> { Collections.sort(xs); return xs; });
    Fn1<List<Integer>, Integer> first = g.fn1("First", xs -> xs.get(0));
    Node<ArrayList<Integer>> data = load.call();
    Node<Integer> firstBefore = first.call(data);
    Node<ArrayList<Integer>> sorted = sortInPlace.call(data);
    Node<Integer> firstAfter = first.call(sorted);

    assertThat(firstBefore.get()).isEqualTo(3);
    assertThat(firstAfter.get()).isEqualTo(1);
    assertThat(firstBefore.get()).isEqualTo(3);
    assertThat(data.get()).containsExactly(3, 1, 2);
    assertThat(sorted.get()).containsExactly(1, 2, 3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aReaderRunningAtTheSameTimeAsTheMutationIsNotCorrupted(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    boolean parallel = g.isParallel();
    CyclicBarrier together = new CyclicBarrier(2);
    Fn0<int[]> load = g.fn0("Load", () -> new int[] {5, 4, 3, 2, 1});
    Fn1<int[], int[]> zeroInPlace = g.fn1("Zero", FnOptions.defaults().mutating(0), a -> {
      meet(together, parallel);
      java.util.Arrays.fill(a, 0);
      return a;
    });
    Fn1<int[], Integer> sum = g.fn1("Sum", a -> {
      meet(together, parallel);
      return java.util.Arrays.stream(a).sum();
    });
    Fn2<int[], Integer, String> both = g.fn2("Both", (z, s) -> java.util.Arrays.toString(z) + " " + s);
    Node<int[]> data = load.call();

    assertThat(both.call(zeroInPlace.call(data), sum.call(data)).get()).isEqualTo("[0, 0, 0, 0, 0] 15");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aTypeWithNoDefaultCopierIsAClearError(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Fn1<StringBuilder, StringBuilder> append = g.fn1("Append", FnOptions.defaults().mutating(0),
        sb -> sb.append("!"));
    Fn1<StringBuilder, StringBuilder> appendWithCopier = g.fn1("AppendCopied",
        FnOptions.defaults().mutating(0, v -> new StringBuilder((StringBuilder) v)), sb -> sb.append("!"));
    StringBuilder mine = new StringBuilder("hi");

    EvaluationException e = catchThrowableOfType(EvaluationException.class, () -> append.call(mine).get());

    assertThat(e.getCause()).hasMessageContaining("'Append#1' mutates argument 0")
        .hasMessageContaining("java.lang.StringBuilder").hasMessageContaining("mutating(index, copier)");
    assertThat(appendWithCopier.call(mine).get().toString()).isEqualTo("hi!");
    assertThat(mine.toString()).as("the caller's value is untouched").isEqualTo("hi");
  }

  private static void meet(CyclicBarrier barrier, boolean parallel) {
    if (!parallel) {
      return;
    }
    try {
      barrier.await(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
