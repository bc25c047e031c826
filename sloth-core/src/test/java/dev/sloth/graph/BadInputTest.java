package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input gets a clear message naming what was wrong. */
class BadInputTest {
  private final Graph g = Graph.builder().sequential().build();

  @Test
  void aNullFunctionIsRejectedByName() {
    assertThatThrownBy(() -> g.fn1("Square", (Function1<Integer, Integer>) null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("'Square'");
    assertThatThrownBy(() -> g.computed("total", null))
        .isInstanceOf(NullPointerException.class).hasMessageContaining("'total'");
  }

  @Test
  void aNameReusedWithADifferentFunctionIsRejected() {
    Function1<Integer, Integer> square = x -> x * x;
    Fn1<Integer, Integer> first = g.fn1("Square", square);

    assertThat(g.fn1("Square", square).call(3)).as("the same function again is fine").isSameAs(first.call(3));
    assertThatThrownBy(() -> g.fn1("Square", (Integer x) -> x + 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'Square'").hasMessageContaining("different function");
    java.lang.ref.Reference.reachabilityFence(first); // in use until here: a collected function frees its name
  }

  @Test
  void settingASourceFromInsideARunningFunctionIsRejected() {
    Source<Integer> x = g.source("x", 1);
    Node<Integer> sneaky = g.computed("sneaky", () -> { x.set(2); return 0; });

    EvaluationException e = catchThrowableOfType(EvaluationException.class, sneaky::get);

    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'x'").hasMessageContaining("'sneaky'");
    assertThat(x.get()).isEqualTo(1);
  }

  @Test
  void aWrongTypedValueInARawCallIsRejected() {
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());

    assertThatThrownBy(() -> sum.call(1, "two", 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 2 of 'Sum'").hasMessageContaining("java.lang.String")
        .hasMessageContaining("java.lang.Integer");
  }

  @Test
  void aWrongTypedValueFromANodeInARawCallNamesTheNode() {
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    Node<String> text = g.computed("text", () -> "oops");

    EvaluationException e = catchThrowableOfType(EvaluationException.class, () -> sum.call(1, text).get());

    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 2 of 'Sum#1'").hasMessageContaining("'text'")
        .hasMessageContaining("java.lang.String");
  }

  @Test
  void nodesOfAnotherGraphAreRejected() {
    Graph other = Graph.create();
    Source<Integer> foreign = other.source("foreign", 1);
    Fn1<Integer, Integer> inc = g.fn1("Inc", x -> x + 1);

    assertThatThrownBy(() -> inc.call(foreign))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'foreign'")
        .hasMessageContaining("another graph");
  }

  @Test
  void badNamesAndTimeoutsAreRejected() {
    assertThatThrownBy(() -> g.source(" ", 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("blank");
    assertThatThrownBy(() -> g.source("x", 1).get(java.time.Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
    assertThatThrownBy(() -> Graph.builder().parallelism(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("parallelism");
  }

  /**
   * The arguments are checked before any value's {@code hashCode} (user code, which a sharing call's look-up runs)
   * is called: a node of another graph is reported as such even when an earlier value's hash would throw, and a
   * throwing hash leaves nothing recorded.
   */
  @Test
  void aBadArgumentIsReportedBeforeAValueHashIsTaken() {
    Fn2<Object, Integer, Integer> pair = g.fn2("Pair", (a, b) -> b);
    Node<Integer> foreign = Graph.builder().sequential().build().source("foreign", 1);
    Object hostile = new Object() {
      @Override
      public int hashCode() {
        throw new IllegalStateException("hash of a value");
      }
    };
    int before = g.size();

    assertThatThrownBy(() -> pair.call(hostile, foreign))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("argument 2 of 'Pair'")
        .hasMessageContaining("'foreign'").hasMessageContaining("another graph");
    assertThatThrownBy(() -> pair.call(hostile, 2)).isInstanceOf(IllegalStateException.class)
        .hasMessage("hash of a value");
    assertThat(g.size()).isEqualTo(before);
  }

  /**
   * A wide call checks each node argument's graph, though it checks a function's graph once for a run of its
   * nodes ({@code Registry.checkArguments}): a node of another graph after many of this one's, even of a function of
   * the same name and body, is named.
   */
  @Test
  void aWideCallNamesTheOneNodeOfAnotherGraphAmongItsArguments() {
    Graph other = Graph.builder().sequential().build();
    Fn1<Integer, Integer> here = g.fn1("Square", x -> x * x);
    Fn1<Integer, Integer> there = other.fn1("Square", x -> x * x);
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, xs -> xs.stream().mapToInt(Integer::intValue).sum());
    List<Node<Integer>> args = new java.util.ArrayList<>();
    for (int i = 0; i < 40; i++) {
      args.add(here.call(i));
    }
    args.add(30, there.call(7));
    int before = g.size();

    assertThatThrownBy(() -> sum.call(args)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 31 of 'Sum'").hasMessageContaining("another graph");
    assertThat(g.size()).isEqualTo(before);
    args.remove(30);
    assertThat(sum.call(args).get()).isEqualTo(20540);
  }

  /** A function that does not share calls never looks one up, so it runs no value's hashCode (user code). */
  @Test
  void aCallOfAFunctionThatDoesNotShareTakesNoValueHash() {
    Fn2<Object, Integer, Integer> pair = g.fn2("Unshared", FnOptions.defaults().withoutSharing(), (a, b) -> b);
    Object hostile = new Object() {
      @Override
      public int hashCode() {
        throw new IllegalStateException("hash of a value");
      }
    };

    assertThat(pair.call(hostile, 2).get()).isEqualTo(2);
  }

  /**
   * The errors about a value of the wrong type show the value, by its {@code toString}: user code, which may throw
   * or be huge. Either way the error is still the one about the type, naming the argument (before, a throwing
   * {@code toString} replaced it with its own exception, and a huge one was copied whole into the message).
   */
  @Test
  void aWrongTypedValueWhoseToStringThrowsOrIsHugeStillGetsTheTypeError() {
    FnN<Integer, Integer> sum = g.fnN("Sum", Integer.class, List::size);

    assertThatThrownBy(() -> sum.call(List.of(1, new Grumpy())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 2 of 'Sum' is a " + Grumpy.class.getName())
        .hasMessageContaining("toString() threw java.lang.IllegalStateException")
        .hasMessageContaining("expected a java.lang.Integer");
    String huge = "x".repeat(1_000_000);
    assertThatThrownBy(() -> sum.call(List.of(huge)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 1 of 'Sum' is a java.lang.String (xxxx")
        .hasMessageContaining("1000000 characters")
        .satisfies(t -> assertThat(t.getMessage()).hasSizeLessThan(500));

    Node<Object> grumpy = g.fn0("MakeGrumpy", () -> (Object) new Grumpy()).call();
    EvaluationException e = catchThrowableOfType(EvaluationException.class, () -> sum.call(List.of(grumpy)).get());
    assertThat(e.getCause()).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("argument 1 of 'Sum#")
        .hasMessageContaining("which produced a " + Grumpy.class.getName() + " (toString() threw");
  }

  /** A value whose {@code toString} throws. */
  static final class Grumpy {
    @Override
    public String toString() {
      throw new IllegalStateException("Grumpy.toString is broken");
    }
  }
}
