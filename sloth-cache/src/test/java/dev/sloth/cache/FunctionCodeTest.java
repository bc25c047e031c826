package dev.sloth.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sloth.graph.Function1;
import org.junit.jupiter.api.Test;

/** The public entry point to the cache's code versions. */
class FunctionCodeTest {
  static int twice(int x) {
    return 2 * x;
  }

  static int thrice(int x) {
    return 3 * x;
  }

  @Test
  void functionsReachingDifferentHelpersHaveDifferentVersionsAndOneFunctionHasOne() {
    Function1<Integer, Integer> viaTwice = x -> twice(x) + 1;
    Function1<Integer, Integer> viaThrice = x -> thrice(x) + 1;
    String v = FunctionCode.version(viaTwice);
    assertThat(v).matches("[0-9a-f]{32}");
    assertThat(FunctionCode.version(viaTwice)).isEqualTo(v);
    assertThat(FunctionCode.version(viaThrice)).isNotEqualTo(v);
  }

  static Function1<Integer, Integer> plus(int k) {
    return x -> x + k;
  }

  @Test
  void capturedValuesAreNotPartOfTheCodeVersion() {
    assertThat(FunctionCode.version(plus(1))).isEqualTo(FunctionCode.version(plus(2)));
  }

  @Test
  void aLambdaOfANonSerializableInterfaceIsAnErrorNamingIt() {
    java.util.function.IntUnaryOperator op = x -> x + 1;
    assertThatThrownBy(() -> FunctionCode.version(op))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be analysed");
  }
}
