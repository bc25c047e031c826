package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 3, item 2 and issue 9, item 12: multi-output functions with typed outputs. */
class MultiOutputTest {
  record MinMax(int min, int max) {}

  record DivMod(int q, int r) {}

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void eachOutputIsItsOwnNodeAndTheFunctionRunsOncePerChange(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Source<Integer> x = g.source("x", 42);
    MultiFn1<Integer, DivMod> divMod = g.fnMulti1("DivMod", v -> { runs.hit("DivMod"); return new DivMod(v / 10, v % 10); });
    Fn1<Integer, String> showQ = g.fn1("ShowQ", q -> { runs.hit("ShowQ"); return "q=" + q; });
    Fn1<Integer, String> showR = g.fn1("ShowR", r -> { runs.hit("ShowR"); return "r=" + r; });
    Outputs<DivMod> qr = divMod.call(x);
    Node<String> q = showQ.call(qr.get(DivMod::q));
    Node<String> r = showR.call(qr.get(DivMod::r));

    assertThat(q.get()).isEqualTo("q=4");
    assertThat(r.get()).isEqualTo("r=2");
    assertThat(runs.of("DivMod")).as("one run for both outputs").isEqualTo(1);
    assertThat(qr.get(DivMod::q)).as("the same projection of the same call is one node").isSameAs(qr.get(DivMod::q));
    assertThat(qr.get(DivMod::q).name()).startsWith("DivMod.q#");

    x.set(47); // only output r changes
    assertThat(q.get()).isEqualTo("q=4");
    assertThat(r.get()).isEqualTo("r=7");
    assertThat(runs.of("DivMod")).isEqualTo(2);
    assertThat(runs.of("ShowQ")).as("output q did not change: its dependent stays valid").isEqualTo(1);
    assertThat(runs.of("ShowR")).isEqualTo(2);
    assertThat(qr.all().get()).isEqualTo(new DivMod(4, 7));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void listsArraysAndRecordsAreOutputsByIndexWithTheirType(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    MultiFn1<List<Integer>, MinMax> range = g.fnMulti1("Range", xs ->
        new MinMax(xs.stream().mapToInt(i -> i).min().orElseThrow(), xs.stream().mapToInt(i -> i).max().orElseThrow()));
    MultiFnN<Integer, Object[]> stats = g.fnMultiN("Stats", Integer.class, xs ->
        new Object[] {xs.size(), xs.get(0), xs.get(xs.size() - 1)});
    MultiFn2<Integer, Integer, List<Integer>> both = g.fnMulti2("Both", (a, b) -> List.of(a + b, a * b));

    Outputs<MinMax> mm = range.call(List.of(3, 9, 1));
    Outputs<Object[]> s = stats.call(5, 6, 7, 8);

    assertThat(mm.get(MinMax::min).get()).isEqualTo(1);
    assertThat(mm.get(1, Integer.class).get()).isEqualTo(9);
    assertThat(mm.get(1, int.class).get()).isEqualTo(9);
    assertThat(s.get(0, Integer.class).get()).isEqualTo(4);
    assertThat(s.get(2, Integer.class).get()).isEqualTo(8);
    assertThat(both.call(3, 4).get(1, Integer.class).get()).isEqualTo(12);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aWrongOutputTypeOrIndexIsAClearErrorNamingTheOutput(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    MultiFn1<Integer, List<Integer>> split = g.fnMulti1("Split", v -> List.of(v / 10, v % 10));
    Outputs<List<Integer>> out = split.call(42);
    Node<String> wrong = out.get(0, String.class); // Node<String> s = out.get(0) no longer compiles at all

    EvaluationException e = catchThrowableOfType(EvaluationException.class, wrong::get);
    EvaluationException e2 = catchThrowableOfType(EvaluationException.class, () -> out.get(2, Integer.class).get());

    assertThat(e.getCause()).isInstanceOf(ClassCastException.class)
        .hasMessageContaining("'Split[0]'").hasMessageContaining("java.lang.String")
        .hasMessageContaining("java.lang.Integer");
    assertThat(e2.getCause()).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("'Split[2]'").hasMessageContaining("returned 2 parts");
    assertThatThrownBy(() -> out.get(-1, Integer.class)).isInstanceOf(IndexOutOfBoundsException.class)
        .hasMessageContaining("no output -1");
    assertThat(out.get(1, Integer.class).get()).as("the other outputs still work").isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void outputsHaveTheFunctionsCutoffEquivalence(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Source<Double> x = g.source("x", 1.0);
    MultiFn1<Double, List<Double>> pair = g.fnMulti1("Pair",
        FnOptions.defaults().cutoff(Equivalence.tolerance(0.01)), v -> List.of(v, v * 100));
    Fn1<Double, Double> show = g.fn1("Show", v -> { runs.hit("Show"); return v; });
    Outputs<List<Double>> out = pair.call(x);
    Node<Double> first = show.call(out.get(0, Double.class));
    Node<Double> second = show.call(out.get(1, Double.class));
    first.get();
    second.get();

    x.set(1.001); // output 0 moves by 0.001 (within tolerance), output 1 by 0.1

    assertThat(first.get()).isEqualTo(1.0);
    assertThat(second.get()).isCloseTo(100.1, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(runs.of("Show")).as("only the output that moved beyond the tolerance ran its dependent").isEqualTo(3);
  }
}
