package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Items 4, 5 and 7: invalidation, early cutoff, dynamic dependencies. */
class InvalidationTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void settingASourceInvalidatesExactlyItsTransitiveDependents(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> { runs.hit("Inc" + x); return x + 1; });
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (x, y) -> { runs.hit("Add"); return x + y; });
    Source<Integer> x = g.source("x", 1);
    Source<Integer> y = g.source("y", 100);
    Node<Integer> fromX = inc.call(inc.call(x));      // x -> Inc -> Inc
    Node<Integer> fromY = inc.call(y);                // unrelated to x
    Node<Integer> both = add.call(fromX, fromY);
    assertThat(both.get()).isEqualTo(3 + 101);
    runs.reset();

    x.set(10);

    assertThat(fromX.state()).isEqualTo(NodeState.STALE);
    assertThat(both.state()).isEqualTo(NodeState.STALE);
    assertThat(fromY.state()).isEqualTo(NodeState.VALID);
    assertThat(fromY.get()).isEqualTo(101);
    assertThat(runs.total()).as("the unrelated node keeps its value").isZero();
    assertThat(both.get()).isEqualTo(12 + 101);
    assertThat(runs.of("Inc10")).isEqualTo(1);
    assertThat(runs.of("Inc11")).isEqualTo(1);
    assertThat(runs.of("Add")).isEqualTo(1);
    assertThat(runs.of("Inc100")).isZero();
    assertThat(runs.total()).isEqualTo(3);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void settingAnEqualValueChangesNothing(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<String, Integer> len = g.fn1("Len", s -> { runs.hit("Len"); return s.length(); });
    Source<String> s = g.source("s", "abc");
    Node<Integer> n = len.call(s);
    n.get();
    long before = g.revision();

    s.set(new String("abc"));

    assertThat(g.revision()).isEqualTo(before);
    assertThat(n.get()).isEqualTo(3);
    assertThat(runs.of("Len")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void anUnchangedRecomputedValueStopsInvalidation(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<Integer, Integer> parity = g.fn1("Parity", v -> { runs.hit("Parity"); return v % 2; });
    Fn1<Integer, String> show = g.fn1("Show", p -> { runs.hit("Show"); return p == 0 ? "even" : "odd"; });
    Source<Integer> x = g.source("x", 2);
    Node<String> shown = show.call(parity.call(x));
    assertThat(shown.get()).isEqualTo("even");

    x.set(4);

    assertThat(shown.get()).isEqualTo("even");
    assertThat(runs.of("Parity")).isEqualTo(2);
    assertThat(runs.of("Show")).as("cut off: Parity's value did not change").isEqualTo(1);
    assertThat(shown.state()).isEqualTo(NodeState.VALID);

    x.set(5);
    assertThat(shown.get()).isEqualTo("odd");
    assertThat(runs.of("Show")).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void cutoffCanBeSwitchedOffPerFunction(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<Integer, Integer> parity = g.fn1("Parity", FnOptions.defaults().withoutCutoff(), v -> v % 2);
    Fn1<Integer, String> show = g.fn1("Show", p -> { runs.hit("Show"); return "p" + p; });
    Source<Integer> x = g.source("x", 2);
    Node<String> shown = show.call(parity.call(x));
    shown.get();

    x.set(4);
    shown.get();

    assertThat(runs.of("Show")).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void computedNodesFollowTheirConditionalReads(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Source<Boolean> useLeft = g.source("useLeft", true);
    Source<Integer> left = g.source("left", 1);
    Source<Integer> right = g.source("right", 2);
    Fn1<Integer, Integer> expensive = g.fn1("Expensive", v -> { runs.hit("Expensive" + v); return v * 100; });
    Node<Integer> rightWork = expensive.call(right);
    Node<Integer> pick = g.computed("pick", () -> {
      runs.hit("pick");
      return useLeft.get() ? left.get() : rightWork.get();
    });

    assertThat(pick.get()).isEqualTo(1);
    assertThat(runs.of("Expensive2")).as("the branch not taken never runs").isZero();
    assertThat(pick.dependencies()).containsExactly(useLeft, left);

    right.set(3);
    assertThat(pick.state()).as("right is not a dependency now").isEqualTo(NodeState.VALID);
    assertThat(pick.get()).isEqualTo(1);
    assertThat(runs.of("pick")).isEqualTo(1);

    useLeft.set(false);
    assertThat(pick.get()).isEqualTo(300);
    assertThat(pick.dependencies()).containsExactly(useLeft, rightWork);
    assertThat(runs.of("Expensive3")).isEqualTo(1);

    left.set(50);
    assertThat(pick.state()).as("left is no longer read").isEqualTo(NodeState.VALID);
    assertThat(pick.get()).isEqualTo(300);
    assertThat(runs.of("pick")).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void readsInsideWrappedFunctionsAreDependenciesToo(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Source<Integer> scale = g.source("scale", 10);
    Fn1<Integer, Integer> scaled = g.fn1("Scaled", v -> { runs.hit("Scaled"); return v * scale.get(); });
    Node<Integer> n = scaled.call(4);
    assertThat(n.get()).isEqualTo(40);

    scale.set(3);

    assertThat(n.state()).isEqualTo(NodeState.STALE);
    assertThat(n.get()).isEqualTo(12);
    assertThat(runs.of("Scaled")).isEqualTo(2);
    assertThat(n.dependencies()).containsExactly(scale);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aDynamicDependencyCutOffDoesNotRerunTheReader(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Source<Integer> x = g.source("x", 2);
    Fn1<Integer, Integer> parity = g.fn1("Parity", v -> v % 2);
    Node<Integer> p = parity.call(x);
    Node<String> reader = g.computed("reader", () -> { runs.hit("reader"); return "p=" + p.get(); });
    reader.get();

    x.set(8);

    assertThat(reader.get()).isEqualTo("p=0");
    assertThat(runs.of("reader")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void updateAppliesAFunctionToTheCurrentValue(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Source<Integer> x = g.source("x", 2);
    Fn1<Integer, Integer> square = g.fn1("Square", v -> v * v);
    Node<Integer> y = square.call(x);
    y.get();

    x.update(v -> v + 1);

    assertThat(x.get()).isEqualTo(3);
    assertThat(y.get()).isEqualTo(9);
  }
}
