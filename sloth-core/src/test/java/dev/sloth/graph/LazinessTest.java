package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Items 1-3 and 6: deferred recording, minimal execution, caching, shared computation. */
class LazinessTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void callingAWrappedFunctionRunsNothing(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<Integer, Integer> square = g.fn1("Square", x -> { runs.hit("Square"); return x * x; });
    Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (x, y) -> { runs.hit("Mul"); return x * y; });

    Node<Integer> c = mul.call(square.call(2), square.call(3));

    assertThat(runs.total()).isZero();
    assertThat(c.state()).isEqualTo(NodeState.NEW);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void theSeedExampleRunsOnlyWhatEachGetNeeds(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<Integer, Integer> square = g.fn1("Square", x -> { runs.hit("Square"); return x * x; });
    Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (x, y) -> { runs.hit("Mul"); return x * y; });
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (x, y) -> { runs.hit("Add"); return x + y; });
    Node<Integer> a = square.call(2);
    Node<Integer> b = square.call(3);
    Node<Integer> c = mul.call(a, b);
    Node<Integer> d = add.call(a, b);

    assertThat(c.get()).isEqualTo(36);
    assertThat(runs.of("Square")).isEqualTo(2);
    assertThat(runs.of("Mul")).isEqualTo(1);
    assertThat(runs.of("Add")).isZero();
    assertThat(d.state()).isEqualTo(NodeState.NEW);

    assertThat(d.get()).isEqualTo(13);
    assertThat(runs.of("Square")).as("d reuses the cached squares").isEqualTo(2);
    assertThat(runs.of("Add")).isEqualTo(1);
    assertThat(runs.of("Mul")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aSecondGetRunsNothing(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> { runs.hit("Inc"); return x + 1; });
    Node<Integer> n = inc.call(inc.call(inc.call(0)));

    assertThat(n.get()).isEqualTo(3);
    assertThat(n.get()).isEqualTo(3);
    assertThat(runs.of("Inc")).isEqualTo(3);
    assertThat(n.state()).isEqualTo(NodeState.VALID);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void equalCallsShareOneComputation(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<Integer, Integer> square = g.fn1("Square", x -> { runs.hit("Square"); return x * x; });
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (x, y) -> x + y);
    Source<Integer> s = g.source("s", 4);

    Node<Integer> first = square.call(3);
    Node<Integer> second = square.call(3);
    Node<Integer> ofSource1 = square.call(s);
    Node<Integer> ofSource2 = square.call(s);

    assertThat(second).isSameAs(first);
    assertThat(ofSource2).isSameAs(ofSource1);
    assertThat(square.call(4)).isNotSameAs(first);
    assertThat(add.call(first, second).get()).isEqualTo(18);
    assertThat(add.call(ofSource1, ofSource2).get()).isEqualTo(32);
    assertThat(runs.of("Square")).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void sharingCanBeSwitchedOffPerFunction(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn0<Long> tick = g.fn0("Tick", FnOptions.defaults().withoutSharing(), () -> { runs.hit("Tick"); return 1L; });

    Node<Long> a = tick.call();
    Node<Long> b = tick.call();

    assertThat(a).isNotSameAs(b);
    a.get();
    b.get();
    assertThat(runs.of("Tick")).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void everyArityAndTheAnyArityFormRecordAndRun(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Fn0<Integer> one = g.fn0("One", () -> 1);
    Fn3<Integer, Integer, Integer, Integer> add3 = g.fn3("Add3", (a, b, c) -> a + b + c);
    Fn4<Integer, Integer, Integer, Integer, Integer> add4 = g.fn4("Add4", (a, b, c, d) -> a + b + c + d);
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    Source<Integer> x = g.source("x", 10);

    Node<Integer> three = add3.call(one.call(), 1, x);
    Node<Integer> four = add4.call(x, one.call(), three, 100);
    Node<Integer> all = sum.call(one.call(), 2, three, four, x, 5);

    assertThat(three.get()).isEqualTo(12);
    assertThat(four.get()).isEqualTo(123);
    assertThat(all.get()).isEqualTo(1 + 2 + 12 + 123 + 10 + 5);
    assertThat(sum.call(List.of(1, 2, 3)).get()).isEqualTo(6);
    assertThat(four.dependencies()).containsExactly(x, one.call(), three);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void getAsyncCompletesWithTheValue(String mode, Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    Fn1<Integer, Integer> square = g.fn1("Square", x -> x * x);
    Node<Integer> n = square.call(square.call(3));

    assertThat(n.getAsync().get()).isEqualTo(81);
    assertThat(n.getAsync().isDone()).as("current: completes at once").isTrue();
  }

  /**
   * A lattice of diamonds (each level reads the one below twice, through two functions) has exponentially many paths
   * and linearly many nodes: the plan enters each node once (its table finds the node's entry again), so each runs
   * once and the evaluation plans exactly the lattice's nodes.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aLatticeOfDiamondsPlansAndRunsEachNodeOnce(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    int levels = 12;
    Node<Integer> top = lattice(g, runs, levels);
    java.util.concurrent.atomic.AtomicInteger planned = plannedEntries(g);

    assertThat(top.get()).isEqualTo(levels); // each level adds 1: ((v + 1) + (v + 2)) / 2
    assertThat(planned.get()).isEqualTo(3 * levels);
    assertThat(runs.of("L")).isEqualTo(levels);
    assertThat(runs.of("R")).isEqualTo(levels);
    assertThat(runs.of("J")).isEqualTo(levels);
  }
  /**
   * {@code levels} diamonds stacked: each level's {@code L} and {@code R} both read the level below, joined by a
   * {@code J}; each level adds 1 to the value. Every shared node is reached by 2^level paths.
   */
  private static Node<Integer> lattice(Graph g, Counter runs, int levels) {
    Fn1<Integer, Integer> left = g.fn1("L", x -> {
      runs.hit("L");
      return x + 1;
    });
    Fn1<Integer, Integer> right = g.fn1("R", x -> {
      runs.hit("R");
      return x + 2;
    });
    Fn2<Integer, Integer, Integer> join = g.fn2("J", (a, b) -> {
      runs.hit("J");
      return (a + b) / 2;
    });
    Node<Integer> top = join.call(left.call(0), right.call(0));
    for (int i = 1; i < levels; i++) {
      top = join.call(left.call(top), right.call(top));
    }
    return top;
  }

  /** How many entries the last evaluation of {@code g} planned, as its listener hears it. */
  private static java.util.concurrent.atomic.AtomicInteger plannedEntries(Graph g) {
    java.util.concurrent.atomic.AtomicInteger planned = new java.util.concurrent.atomic.AtomicInteger();
    g.addListener(new GraphListener() {
      @Override
      public void evaluationStarted(Node<?> requested, int entries) {
        planned.set(entries);
      }
    });
    return planned;
  }

  /**
   * A plan finds its entries through a 16-bit hint in each node (Evaluation.Planned); entries past the 65,535th are
   * found through a table instead. Here a lattice of diamonds is entered after 70,001 other entries, so all its
   * entries live in that table: without it, each shared node would be planned once per path to it (2^12 times).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aPlanPastTheHintedEntriesStillPlansEachNodeOnce(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Fn1<Integer, Integer> leaf = g.fn1("Leaf", x -> 0);
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    int levels = 12;
    Node<Integer> top = lattice(g, runs, levels);
    int width = 70_000; // more than the 65,535 entries the hints reach
    List<Node<Integer>> args = new java.util.ArrayList<>(width + 1);
    for (int i = 0; i < width; i++) {
      args.add(leaf.call(i));
    }
    args.add(top);
    Node<Integer> root = sum.call(args);
    java.util.concurrent.atomic.AtomicInteger planned = plannedEntries(g);

    assertThat(root.get()).isEqualTo(levels);
    assertThat(planned.get()).isEqualTo(1 + width + 3 * levels);
    assertThat(runs.of("L")).isEqualTo(levels);
    assertThat(runs.of("R")).isEqualTo(levels);
  }

  /**
   * A node's plan hint is left by the last plan that entered it: in a later plan the same index may hold another
   * node's entry, which must not be taken for this node's (the look-up compares the entry's node). Here the second
   * plan's entries 2 to 21 are new leaves, where the first plan's hints of the {@code A}s point.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aHintLeftByAnEarlierPlanIsNotTakenForAnotherNodesEntry(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Source<Integer> s = g.source("s", 1);
    Fn2<Integer, Integer, Integer> a = g.fn2("A", (x, i) -> {
      runs.hit("A");
      return x * 100 + i;
    });
    Fn1<Integer, Integer> b = g.fn1("B", x -> x);
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    FnN<Integer, Integer> total = g.fnN("Total", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    List<Node<Integer>> as = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      as.add(a.call(s, i));
    }
    assertThat(sum.call(as).get()).isEqualTo(1000 + 45); // hints: Sum 1, A0 to A9 2 to 11

    s.set(2);
    List<Node<Integer>> args = new java.util.ArrayList<>();
    for (int j = 0; j < 20; j++) {
      args.add(b.call(1000 + j)); // entries 2 to 21 of the next plan
    }
    for (int i = 9; i >= 0; i--) {
      args.add(as.get(i));
    }

    assertThat(total.call(args).get()).isEqualTo(20 * 1000 + 190 + 2000 + 45);
    assertThat(runs.of("A")).isEqualTo(20);
  }
}
