package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 3, item 2: multi-output functions. */
class MultiOutputTest {
  record MinMax(int min, int max) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void eachOutputIsItsOwnNodeAndTheFunctionRunsOncePerChange(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Source<Integer> x = g.source("x", 42);
    MultiFn<Integer> divMod = g.fnMulti("DivMod", 2, (Integer v) -> { runs.hit("DivMod"); return List.of(v / 10, v % 10); });
    Fn1<Integer, String> showQ = g.fn("ShowQ", q -> { runs.hit("ShowQ"); return "q=" + q; });
    Fn1<Integer, String> showR = g.fn("ShowR", r -> { runs.hit("ShowR"); return "r=" + r; });
    Outputs qr = divMod.call(x);
    Node<String> q = showQ.call(qr.<Integer>get(0));
    Node<String> r = showR.call(qr.<Integer>get(1));

    assertThat(q.get()).isEqualTo("q=4");
    assertThat(r.get()).isEqualTo("r=2");
    assertThat(runs.of("DivMod")).as("one run for both outputs").isEqualTo(1);

    x.set(47); // only output 1 changes
    assertThat(q.get()).isEqualTo("q=4");
    assertThat(r.get()).isEqualTo("r=7");
    assertThat(runs.of("DivMod")).isEqualTo(2);
    assertThat(runs.of("ShowQ")).as("output 0 did not change: its dependent stays valid").isEqualTo(1);
    assertThat(runs.of("ShowR")).isEqualTo(2);
    assertThat(qr.size()).isEqualTo(2);
    assertThat(qr.all().get()).containsExactly(4, 7);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void recordsAndArraysAreOutputsToo(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    MultiFn<List<Integer>> range = g.fnMulti("Range", 2, (List<Integer> xs) ->
        new MinMax(xs.stream().mapToInt(i -> i).min().orElseThrow(), xs.stream().mapToInt(i -> i).max().orElseThrow()));
    MultiFn<Integer> stats = g.fnMultiN("Stats", 3, Integer.class, xs ->
        new Object[] {xs.size(), xs.get(0), xs.get(xs.size() - 1)});

    Outputs mm = range.call(List.of(3, 9, 1));
    Outputs s = stats.callN(5, 6, 7, 8);

    assertThat(mm.<Integer>get(0).get()).isEqualTo(1);
    assertThat(mm.<Integer>get(1).get()).isEqualTo(9);
    assertThat(s.<Integer>get(0).get()).isEqualTo(4);
    assertThat(s.<Integer>get(2).get()).isEqualTo(8);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aWrongNumberOfOutputsIsAClearError(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    MultiFn<Integer> bad = g.fnMulti("Bad", 2, (Integer v) -> List.of(v, v, v));
    Outputs out = bad.call(1);

    EvaluationException e = catchThrowableOfType(EvaluationException.class, () -> out.get(0).get());

    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'Bad' declared 2 outputs but returned 3");
    assertThatThrownBy(() -> out.get(2)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("has 2 outputs").hasMessageContaining("no output 2");
    assertThatThrownBy(() -> g.fnMulti("None", 0, (Integer v) -> List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 output");
  }
}
