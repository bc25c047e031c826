package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Issue 9, items 5 and 6: a throwing equals or listener ends only what it must, and is blamed correctly. */
class FaultTest {

  /** Equal texts are equal labels; a null text makes equals throw. */
  static final class Label {
    final String text;

    Label(String text) {
      this.text = text;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Label l && text.equals(l.text);
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  /** An equals that fails with an Error, not an exception. */
  static final class Brittle {
    @Override
    public boolean equals(Object o) {
      throw new AssertionError("equals bug");
    }

    @Override
    public int hashCode() {
      return 1;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void anEqualsThatThrowsAnErrorDuringCutoffIsReportedAsSuchAndDoesNotWedgeTheNode(String mode,
      Supplier<Graph> graphs) throws Exception {
    Graph g = graphs.get();
    Source<Integer> s = g.source("s", 1);
    Node<Brittle> n = g.fn1("Brittle", (Integer i) -> new Brittle()).call(s);
    assertThat(n.get()).isNotNull();
    s.set(2);

    assertThatThrownBy(n::get).isInstanceOf(EvaluationException.class)
        .hasMessageContaining("early-cutoff comparison").hasMessageContaining(Brittle.class.getName())
        .hasRootCauseInstanceOf(AssertionError.class);
    assertThat(n.state()).isNotEqualTo(NodeState.RUNNING);
    CompletableFuture<Brittle> again = CompletableFuture.supplyAsync(n::get, Pools.VIRTUAL);
    assertThat(again.get(10, TimeUnit.SECONDS)).as("the claim was released").isNotNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void anEqualsThatThrowsDuringCutoffIsReportedAsSuchAndDoesNotWedgeTheNode(String mode, Supplier<Graph> graphs)
      throws Exception {
    Graph g = graphs.get();
    Source<Integer> s = g.source("s", 1);
    Fn1<Integer, Label> label = g.fn1("Label", i -> new Label(null));
    Node<Label> n = label.call(s);
    assertThat(n.get()).isNotNull();
    s.set(2);

    assertThatThrownBy(n::get).isInstanceOf(EvaluationException.class)
        .hasMessageContaining("early-cutoff comparison").hasMessageContaining(Label.class.getName())
        .hasMessageContaining("function itself returned normally");
    assertThat(n.state()).isNotEqualTo(NodeState.RUNNING);
    // From another thread, within a bound: the claim was released; the failure is not cached, so it runs again.
    CompletableFuture<Label> again = CompletableFuture.supplyAsync(n::get, Pools.VIRTUAL);
    assertThat(again.get(10, TimeUnit.SECONDS)).isNotNull();
    s.set(3);
    assertThatThrownBy(n::get).hasMessageContaining("early-cutoff comparison");
    assertThat(n.get(Duration.ofSeconds(10))).isNotNull();
  }

  static Stream<Arguments> throwingListeners() {
    Error boom = new AssertionError("listener bug");
    return Stream.of(
        Arguments.of("evaluationFinished", (Consumer<Graph>) g -> g.addListener(new GraphListener() {
          @Override
          public void evaluationFinished(Node<?> n, boolean ok) {
            throw boom;
          }
        })),
        Arguments.of("evaluationStarted", (Consumer<Graph>) g -> g.addListener(new GraphListener() {
          @Override
          public void evaluationStarted(Node<?> n, int planned) {
            throw boom;
          }
        })),
        Arguments.of("nodeStarted", (Consumer<Graph>) g -> g.addListener(new GraphListener() {
          @Override
          public void nodeStarted(Node<?> n) {
            throw boom;
          }
        })),
        Arguments.of("nodeFinished", (Consumer<Graph>) g -> g.addListener(new GraphListener() {
          @Override
          public void nodeFinished(Node<?> n, long nanos, boolean changed) {
            throw new StackOverflowError("listener overflow");
          }
        })),
        Arguments.of("nodeFailed", (Consumer<Graph>) g -> g.addListener(new GraphListener() {
          @Override
          public void nodeFailed(Node<?> n, Throwable cause) {
            throw boom;
          }
        })),
        Arguments.of("cacheHit", (Consumer<Graph>) g -> g.addListener(new GraphListener() {
          @Override
          public void cacheHit(Node<?> n) {
            throw boom;
          }
        })),
        Arguments.of("invalidated", (Consumer<Graph>) g -> g.addListener(new GraphListener() {
          @Override
          public void invalidated(Source<?> s, long revision) {
            throw boom;
          }
        })));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("throwingListeners")
  void aListenerThatThrowsAnErrorNeverAffectsEvaluation(String event, Consumer<Graph> addListener)
      throws Exception {
    for (Graph g : new Graph[] {Graph.create(), Graph.builder().sequential().build()}) {
      addListener.accept(g);
      Source<Integer> s = g.source("s", 1);
      Fn1<Integer, Integer> slowInc = g.fn1("SlowInc", FnOptions.defaults().blocking(), x -> x + 1);
      Fn1<Integer, Integer> inv = g.fn1("Inv", x -> 10 / (x - 3));
      Node<Integer> top = g.computed("top", () -> slowInc.call(s).get() * 10);
      Node<Integer> failing = inv.call(slowInc.call(s));

      CompletableFuture<Integer> first = CompletableFuture.supplyAsync(top::get, Pools.VIRTUAL);
      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(20);
      assertThat(top.state()).isEqualTo(NodeState.VALID);
      s.set(2); // on this thread: it must not believe it is inside a function
      assertThat(top.get(Duration.ofSeconds(10))).isEqualTo(30);
      assertThat(top.get(Duration.ofSeconds(10))).as("cache hit").isEqualTo(30);
      assertThatThrownBy(() -> failing.get(Duration.ofSeconds(10))).isInstanceOf(EvaluationException.class)
          .hasMessageContaining("Inv#1").hasRootCauseInstanceOf(ArithmeticException.class);
      s.set(3);
      assertThat(top.get(Duration.ofSeconds(10))).isEqualTo(40);
    }
  }

  /**
   * Setting a source compares the new value with the current one (user code: equals). One that throws fails the set
   * with an error naming the source, and changes nothing, by set, update and an atomic update alike (before: the raw
   * NullPointerException, naming nothing).
   */
  @org.junit.jupiter.api.Test
  void aSetWhoseEqualsThrowsNamesTheSourceAndChangesNothing() {
    Graph g = Graph.builder().sequential().build();
    Label broken = new Label(null); // its equals throws
    Source<Label> s = g.source("label", broken);
    Node<String> shown = g.fn1("Show", (Label l) -> String.valueOf(l.text)).call(s);
    assertThat(shown.get()).isEqualTo("null");

    for (Runnable set : java.util.List.<Runnable>of(() -> s.set(new Label("b")), () -> s.update(old -> new Label("b")),
        () -> g.update(tx -> tx.set(s, new Label("b"))))) {
      assertThatThrownBy(set::run).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("source 'label' was not set")
          .hasMessageContaining(Label.class.getName())
          .hasCauseInstanceOf(NullPointerException.class);
      assertThat(s.get()).isSameAs(broken);
      assertThat(shown.state()).as("nothing changed").isEqualTo(NodeState.VALID);
    }
  }
}
