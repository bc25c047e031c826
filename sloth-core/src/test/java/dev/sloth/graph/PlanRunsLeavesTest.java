package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A wide node reads its arguments in one pass ({@code CallNode.claimed}): the per-node cost work of issue 10, item
 * 3. These tests pin down that the one pass still checks the arguments' types as the separate pass did.
 */
class PlanRunsLeavesTest {
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aWideNodeNamesItsFirstArgumentOfTheWrongTypeAndRunsNot(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<Integer, Object> asIs = g.fn1("AsIs", x -> x == 2 ? "two" : x == 4 ? (Object) 4L : x);
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> {
      runs.hit("Sum");
      return xs.size();
    });
    List<Object> args = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      args.add(asIs.call(i));
    }
    Node<Integer> top = sum.call(args);

    EvaluationException e = catchThrowableOfType(EvaluationException.class, top::get);

    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 3 of 'Sum#1' is node 'AsIs#3', which produced a java.lang.String (two)");
    assertThat(runs.of("Sum")).isZero();
  }
}
