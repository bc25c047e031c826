package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Item 10: errors name the node and the path, nothing computed is lost, and failures are retried. */
class FailureTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFailureNamesTheNodeAndThePathAndKeepsTheCause(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Fn1<Integer, Integer> inverse = g.fn1("Inverse", x -> 100 / x);
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);
    Node<Integer> top = inc.call(inc.call(inverse.call(0)));

    EvaluationException e = catchThrowableOfType(EvaluationException.class, top::get);

    assertThat(e.getCause()).isInstanceOf(ArithmeticException.class);
    assertThat(e.failures()).hasSize(1);
    NodeFailure f = e.failures().get(0);
    assertThat(f.node()).isEqualTo("Inverse#1");
    assertThat(f.path()).containsExactly("Inc#2", "Inc#1", "Inverse#1");
    assertThat(e.getMessage()).contains("Inc#2", "Inverse#1", "ArithmeticException", "Inc#2 -> Inc#1 -> Inverse#1");
  }

  /**
   * Two nodes that throw the same exception object (a preallocated one) are two failures: each is reported, though
   * an evaluation reports each failure once however many of its entries meet it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void twoNodesThrowingOneSharedExceptionAreBothReported(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    IllegalStateException shared = new IllegalStateException("preallocated");
    Fn1<Integer, Integer> bad = g.fn1("Bad", x -> {
      throw shared;
    });
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);
    Node<Integer> top = add.call(bad.call(1), bad.call(2));

    EvaluationException e = catchThrowableOfType(EvaluationException.class, top::get);

    assertThat(e.failures()).extracting(NodeFailure::node).containsExactlyInAnyOrder("Bad#1", "Bad#2");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void dependentsDoNotRunSiblingsStayCachedAndTheFailedNodeRunsAgainNextTime(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    AtomicBoolean broken = new AtomicBoolean(true);
    Fn1<Integer, Integer> fragile = g.fn1("Fragile", x -> {
      runs.hit("Fragile");
      if (broken.get()) {
        throw new IllegalStateException("down");
      }
      return x;
    });
    Fn1<Integer, Integer> fine = g.fn1("Fine", x -> { runs.hit("Fine"); return x * 10; });
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", (x, y) -> { runs.hit("Add"); return x + y; });
    Node<Integer> sibling = fine.call(4);
    Node<Integer> sum = add.call(fragile.call(1), sibling);

    assertThatThrownBy(sum::get).isInstanceOf(EvaluationException.class).hasMessageContaining("down");
    assertThat(runs.of("Add")).as("the dependent of a failure does not run").isZero();
    assertThat(runs.of("Fine")).isEqualTo(1);
    assertThat(sibling.state()).isEqualTo(NodeState.VALID);
    assertThat(fragile.call(1).state()).isEqualTo(NodeState.FAILED);

    broken.set(false);
    assertThat(sum.get()).isEqualTo(41);
    assertThat(runs.of("Fragile")).as("the failed node runs again").isEqualTo(2);
    assertThat(runs.of("Fine")).as("the sibling's value was kept").isEqualTo(1);
    assertThat(runs.of("Add")).isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void everyFailureOfOneRunIsReported(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Fn1<Integer, Integer> fail = g.fn1("Fail", x -> { throw new IllegalArgumentException("bad " + x); });
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> 0);
    Node<Integer> all = sum.call(fail.call(1), fail.call(2), 3, fail.call(3));

    EvaluationException e = catchThrowableOfType(EvaluationException.class, all::get);

    assertThat(e.failures()).extracting(NodeFailure::node)
        .containsExactlyInAnyOrder("Fail#1", "Fail#2", "Fail#3");
    assertThat(e.getSuppressed()).hasSize(2);
    assertThat(e.getMessage()).contains("and 2 more");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFunctionCanCacheItsFailures(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Counter runs = new Counter();
    Source<Integer> x = g.source("x", 0);
    Fn1<Integer, Integer> inverse = g.fn1("Inverse", FnOptions.defaults().cachingFailures(),
        v -> { runs.hit("Inverse"); return 1 / v; });
    Node<Integer> n = inverse.call(x);

    assertThatThrownBy(n::get).isInstanceOf(EvaluationException.class);
    assertThatThrownBy(n::get).isInstanceOf(EvaluationException.class).hasRootCauseInstanceOf(ArithmeticException.class);
    assertThat(runs.of("Inverse")).as("the failure was cached").isEqualTo(1);

    x.set(1);
    assertThat(n.get()).isEqualTo(1);
    assertThat(runs.of("Inverse")).isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void aFailedReadInsideAFunctionIsReportedWithTheWholePath(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Fn1<Integer, Integer> inverse = g.fn1("Inverse", x -> 1 / x);
    Node<Integer> bad = inverse.call(0);
    Node<Integer> reader = g.computed("reader", () -> bad.get() + 1);
    Node<Integer> top = g.computed("top", () -> reader.get() * 2);

    EvaluationException e = catchThrowableOfType(EvaluationException.class, top::get);

    assertThat(e.failures()).singleElement().satisfies(f -> {
      assertThat(f.node()).isEqualTo("Inverse#1");
      assertThat(f.path()).containsExactly("top", "reader", "Inverse#1");
      assertThat(f.cause()).isInstanceOf(ArithmeticException.class);
    });
    assertThat(reader.state()).as("failed through its read").isEqualTo(NodeState.FAILED);
  }

  /**
   * The error's message shows what the function threw, by the exception's {@code toString}: user code too. One whose
   * {@code getMessage} throws must still give the EvaluationException, with the function's exception as its cause
   * and the node named (before, get() threw the getMessage's IllegalStateException, with no cause and no node).
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.sloth.graph.Modes#graphs")
  void anExceptionWhoseMessageThrowsIsStillReportedAsTheNodesFailure(String mode, Supplier<Graph> graphs) {
    Graph g = graphs.get();
    Fn1<Integer, Integer> boom = g.fn1("Boom", x -> {
      throw new Unprintable();
    });
    Node<Integer> top = g.fn1("Top", (Integer x) -> x + 1).call(boom.call(1));

    EvaluationException e = catchThrowableOfType(EvaluationException.class, top::get);

    assertThat(e).isNotNull();
    assertThat(e.getCause()).isInstanceOf(Unprintable.class);
    assertThat(e.getMessage()).contains("'Boom#1' threw " + Unprintable.class.getName())
        .contains("toString() threw java.lang.IllegalStateException").contains("Top#1 -> Boom#1");
    assertThat(e.failures().get(0).toString()).contains("'Boom#1' threw");
  }

  /** An exception whose message (and so its toString) throws. */
  static final class Unprintable extends RuntimeException {
    @Override
    public String getMessage() {
      throw new IllegalStateException("getMessage is broken");
    }
  }
}
