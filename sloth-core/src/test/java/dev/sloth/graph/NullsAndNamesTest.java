package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** Issue 9, item 10: null is a legal value everywhere; long paths are shortened; displayed names are unique. */
class NullsAndNamesTest {
  private final Graph g = Graph.builder().sequential().build();

  @Test
  void anArrayOfNodesIsAcceptedAsTheArgumentsOfAnAnyArityFunction() {
    // The engine writes the arguments' values into its own copy of the array: a Node[] given as the varargs array
    // must not make that copy a Node[] (it threw ArrayStoreException).
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    @SuppressWarnings("unchecked")
    Node<Integer>[] nodes = new Node[] {g.source("p", 1), g.source("q", 2)};
    assertThat(sum.call((Object[]) nodes).get()).isEqualTo(3);
  }

  @Test
  void nullIsALegalArgumentOfAnAnyArityFunction() {
    Counter runs = new Counter();
    FnN<String, Long> countNulls = g.fnN("CountNulls", String.class, xs -> {
      runs.hit("CountNulls");
      return xs.stream().filter(Objects::isNull).count();
    });
    Source<String> s = g.source("s", null);

    assertThat(countNulls.call("a", null, "b").get()).isEqualTo(1L);
    assertThat(countNulls.call("a", s, null).get()).as("a null source value too").isEqualTo(2L);
    assertThat(countNulls.call(java.util.Arrays.asList("a", null)).get()).isEqualTo(1L);
    assertThat(runs.of("CountNulls")).isEqualTo(3);
  }

  @Test
  void anAnyArityFunctionsListIsUnmodifiable() {
    FnN<Integer, Integer> mutate = g.fnN("Mutate", Integer.class, xs -> { xs.set(0, 9); return 0; });

    EvaluationException e = catchThrowableOfType(EvaluationException.class, () -> mutate.call(1, 2).get());

    assertThat(e.getCause()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aLongFailurePathIsShortenedInTheMessageAndWholeInTheFailure() {
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    Fn1<Integer, Integer> fail = g.fn1("Fail", x -> { throw new IllegalStateException("deep"); });
    Node<Integer> n = fail.call(0);
    for (int i = 0; i < 2_000; i++) {
      n = inc.call(n);
    }
    Node<Integer> top = n;

    EvaluationException e = catchThrowableOfType(EvaluationException.class, top::get);

    List<String> path = e.failures().get(0).path();
    assertThat(path).hasSize(2_001);
    assertThat(path.get(0)).isEqualTo("Inc#2000");
    assertThat(path.get(2_000)).isEqualTo("Fail#1");
    assertThat(e.getMessage()).hasSizeLessThan(400)
        .contains("Inc#2000 -> Inc#1999").contains("(1991 more)").contains("Inc#1 -> Fail#1")
        .contains("[2001 nodes]");
    assertThat(e.failures().get(0).pathText()).contains("Inc#1000");
  }

  @Test
  void aShortPathIsShownWhole() {
    Fn1<Integer, Integer> fail = g.fn1("Fail", x -> { throw new IllegalStateException("x"); });
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    Node<Integer> n = inc.call(inc.call(fail.call(0)));

    EvaluationException e = catchThrowableOfType(EvaluationException.class, n::get);

    assertThat(e.getMessage()).contains("(path: Inc#2 -> Inc#1 -> Fail#1)");
  }

  @Test
  void sourcesAndComputedNodesGivenTheSameNameAreShownUniquely() {
    Source<Integer> x1 = g.source("x", 1);
    Source<Integer> x2 = g.source("x", 2);
    Node<Integer> c1 = g.computed("c", () -> x1.get() / 0);
    Node<Integer> c2 = g.computed("c", () -> x2.get() + 1);
    Node<Integer> sum = g.computed("sum", () -> c1.get() + c2.get());

    assertThat(List.of(x1.name(), x2.name(), c1.name(), c2.name())).containsExactly("x", "x#2", "c", "c#2");
    assertThat(c2.function().orElseThrow().name()).as("the identity keeps the given name").isEqualTo("c");
    EvaluationException e = catchThrowableOfType(EvaluationException.class, sum::get);
    assertThat(e.failures().get(0).path()).containsExactly("sum", "c");
    assertThat(c2.get()).isEqualTo(3);
  }
}
