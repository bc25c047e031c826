package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Issue 9, item 12: fnAsync, fnMulti and fnSpin take options and every arity; cutoff takes an equivalence. */
class OptionsComposeTest {
  private final Graph g = Graph.create();

  @Test
  void asyncMultiAndSpinTakeOptionsAndEveryArity() {
    FnOptions caching = FnOptions.defaults().cachingFailures();
    Fn3<Integer, Integer, Integer, Integer> async3 = g.fnAsync3("Async3", caching,
        (a, b, c) -> CompletableFuture.supplyAsync(() -> a + b + c));
    Fn4<Integer, Integer, Integer, Integer, Integer> async4 = g.fnAsync4("Async4",
        (a, b, c, d) -> CompletableFuture.completedFuture(a * b * c * d));
    FnN<Integer, Integer> asyncN = g.fnAsyncN("AsyncN", Integer.class,
        xs -> CompletableFuture.completedFuture(xs.size()));
    MultiFn3<Integer, Integer, Integer, List<Integer>> multi3 = g.fnMulti3("Multi3", caching,
        (a, b, c) -> List.of(a, b, c));
    Fn2<Integer, Integer, Integer> spin2 = g.fnSpin2("Spin2", caching, (task, a, b) -> {
      for (int i : task.spin()) {
        break;
      }
      return a - b;
    });
    Fn3<Integer, Integer, Integer, Integer> spin3 = g.fnSpin3("Spin3", (task, a, b, c) -> a + b + c);

    assertThat(async3.call(1, 2, 3).get()).isEqualTo(6);
    assertThat(async4.call(1, 2, 3, 4).get()).isEqualTo(24);
    assertThat(asyncN.call(1, 2, 3, 4, 5).get()).isEqualTo(5);
    assertThat(multi3.call(7, 8, 9).get(2, Integer.class).get()).isEqualTo(9);
    assertThat(spin2.call(5, 3).get()).isEqualTo(2);
    assertThat(spin3.call(1, 1, 1).get()).isEqualTo(3);
    assertThat(async3.options().isCachingFailures()).isTrue();
    assertThat(multi3.options().isCachingFailures()).isTrue();
    assertThat(spin2.options().isCachingFailures()).isTrue();
    assertThat(spin2.options().isBlocking()).as("spinning functions always block").isTrue();
  }

  @Test
  void cachingFailuresAppliesToAsyncFunctions() {
    Counter runs = new Counter();
    Fn1<Integer, Integer> failing = g.fnAsync1("Failing", FnOptions.defaults().cachingFailures(), x -> {
      runs.hit("Failing");
      return CompletableFuture.failedFuture(new IllegalStateException("no"));
    });
    Node<Integer> n = failing.call(1);

    assertThatThrownBy(n::get).isInstanceOf(EvaluationException.class);
    assertThatThrownBy(n::get).isInstanceOf(EvaluationException.class);
    assertThat(runs.of("Failing")).as("the failure was cached, not retried").isEqualTo(1);
  }

  @Test
  void arraysEqualByContentCutOffByDefault() {
    Counter runs = new Counter();
    Source<Integer> x = g.source("x", 1);
    Fn1<Integer, int[]> parity = g.fn1("Parity", v -> new int[] {v % 2});
    Fn1<int[], Integer> show = g.fn1("Show", a -> { runs.hit("Show"); return a[0]; });
    Node<Integer> shown = show.call(parity.call(x));
    shown.get();

    x.set(3); // a new array with the same content

    assertThat(shown.get()).isEqualTo(1);
    assertThat(runs.of("Show")).as("an array equal by content stopped invalidation").isEqualTo(1);
  }

  @Test
  void aCustomEquivalenceDecidesTheCutoff() {
    Counter runs = new Counter();
    Source<String> x = g.source("x", "Hello");
    Fn1<String, String> same = g.fn1("Same",
        FnOptions.defaults().cutoff((String a, String b) -> a.equalsIgnoreCase(b)), s -> s);
    Fn1<String, String> show = g.fn1("Show", s -> { runs.hit("Show"); return s; });
    Node<String> shown = show.call(same.call(x));
    shown.get();

    x.set("HELLO");
    assertThat(shown.get()).as("equivalent: the node kept its previous value").isEqualTo("Hello");
    x.set("Bye");
    assertThat(shown.get()).isEqualTo("Bye");
    assertThat(runs.of("Show")).isEqualTo(2);
  }

  @Test
  void aFloatingPointToleranceCutsOffSmallChanges() {
    Counter runs = new Counter();
    Source<Double> x = g.source("x", 1.0);
    Fn1<Double, double[]> scaled = g.fn1("Scaled", FnOptions.defaults().cutoff(Equivalence.tolerance(1e-3)),
        v -> new double[] {v, 2 * v});
    Fn1<double[], Double> sum = g.fn1("Sum", a -> { runs.hit("Sum"); return a[0] + a[1]; });
    Node<Double> total = sum.call(scaled.call(x));
    total.get();

    x.set(1.0001);
    total.get();
    assertThat(runs.of("Sum")).as("within tolerance").isEqualTo(1);
    x.set(1.1);
    assertThat(total.get()).isCloseTo(3.3, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(runs.of("Sum")).isEqualTo(2);
    assertThat(Equivalence.tolerance(0.5).equivalent(1, 1.4)).isTrue();
    assertThat(Equivalence.tolerance(0.5).equivalent(Double.NaN, Double.NaN)).isTrue();
    assertThat(Equivalence.<Object>equality().equivalent(new int[] {1}, new int[] {1})).isFalse();
    assertThatThrownBy(() -> Equivalence.tolerance(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }

  @Test
  void withoutCutoffEveryRunIsAChange() {
    Counter runs = new Counter();
    Source<Integer> x = g.source("x", 1);
    Fn1<Integer, Integer> zero = g.fn1("Zero", FnOptions.defaults().withoutCutoff(), v -> 0);
    Fn1<Integer, Integer> show = g.fn1("Show", v -> { runs.hit("Show"); return v; });
    Node<Integer> shown = show.call(zero.call(x));
    shown.get();
    x.set(2);
    shown.get();

    assertThat(runs.of("Show")).isEqualTo(2);
    assertThat(FnOptions.defaults().withoutCutoff().hasCutoff()).isFalse();
    assertThat(FnOptions.defaults().cutoff(Equivalence.identity()).hasCutoff()).isTrue();
  }
}
