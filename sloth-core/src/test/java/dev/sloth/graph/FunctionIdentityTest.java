package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 9, item 11: every function given to a graph carries its implementation identity. */
class FunctionIdentityTest {
  private final Graph g = Graph.builder().sequential().build();

  static int twice(int x) {
    return 2 * x;
  }

  @Test
  void twoLambdasFromTheSameLineDifferOnlyInTheirCapturedValues() {
    List<FunctionIdentity> ids = new ArrayList<>();
    for (int k : new int[] {3, 4}) {
      ids.add(FunctionIdentity.of("AddK", (Function1<Integer, Integer>) x -> x + k));
    }
    FunctionIdentity three = ids.get(0);
    FunctionIdentity four = ids.get(1);

    assertThat(three).isNotEqualTo(four);
    assertThat(three.capturedValues()).containsExactly(3);
    assertThat(four.capturedValues()).containsExactly(4);
    assertThat(three.methodName()).startsWith("lambda$").isEqualTo(four.methodName());
    assertThat(three.methodDescriptor()).isEqualTo(four.methodDescriptor());
    assertThat(three.implementationClass()).isEqualTo(four.implementationClass())
        .isEqualTo(FunctionIdentityTest.class.getName());
    assertThat(three.capturingClass()).isEqualTo(FunctionIdentityTest.class.getName());
    assertThat(three.isLambda()).isTrue();
    assertThat(three.isMethodReference()).isFalse();
    assertThat(FunctionIdentity.of("AddK", (Function1<Integer, Integer>) x -> x + 3))
        .as("another line is another lambda").isNotEqualTo(three);
  }

  @Test
  void aMethodReferencesIdentityNamesTheReferencedMethod() {
    Fn1<Integer, Integer> twice = g.fn1("Twice", FunctionIdentityTest::twice);
    Fn1<String, Integer> length = g.fn1("Length", String::length);

    FunctionIdentity id = twice.identity();

    assertThat(id.name()).isEqualTo("Twice");
    assertThat(id.implementationClass()).isEqualTo(FunctionIdentityTest.class.getName());
    assertThat(id.methodName()).isEqualTo("twice");
    assertThat(id.methodDescriptor()).isEqualTo("(I)I");
    assertThat(id.capturedValues()).isEmpty();
    assertThat(id.isMethodReference()).isTrue();
    assertThat(length.identity().implementationClass()).isEqualTo("java.lang.String");
    assertThat(length.identity().methodName()).isEqualTo("length");
    assertThat(length.identity().methodDescriptor()).isEqualTo("()I");
  }

  @Test
  void nodesTellTheirFunctionsIdentityAndABoundReceiverIsACapturedValue() {
    String prefix = "p:";
    Fn1<String, String> concat = g.fn1("Concat", prefix::concat);
    Source<Integer> x = g.source("x", 1);
    int k = 10;
    Node<Integer> computed = g.computed("plusK", () -> x.get() + k);

    assertThat(concat.call("a").function()).contains(concat.identity());
    assertThat(concat.identity().capturedValues()).containsExactly("p:");
    assertThat(concat.identity().methodName()).isEqualTo("concat");
    assertThat(computed.function().orElseThrow().name()).isEqualTo("plusK");
    assertThat(computed.function().orElseThrow().capturedValues()).containsExactly(x, 10);
    assertThat(x.function()).as("a source runs no function").isEmpty();
  }

  @Test
  void anObjectThatIsNotALambdaIsIdentifiedByItsClass() {
    final class Square implements Function1<Integer, Integer> {
      @Override
      public Integer apply(Integer v) {
        return v * v;
      }
    }
    Fn1<Integer, Integer> square = g.fn1("Square", new Square());

    assertThat(square.identity().isLambda()).isFalse();
    assertThat(square.identity().implementationClass()).isEqualTo(Square.class.getName());
    assertThat(square.identity().capturedValues()).isEmpty();
    assertThat(square.call(3).get()).isEqualTo(9);
  }

  @Test
  void theSameLambdaWithEqualCapturesMayBeGivenTheSameNameAgain() {
    List<Fn1<Integer, Integer>> fns = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      int k = 5;
      fns.add(g.fn1("AddFive", x -> x + k)); // a new lambda object each time, equal identity
    }

    assertThat(fns.get(0).call(1)).isSameAs(fns.get(1).call(1));
  }
}
