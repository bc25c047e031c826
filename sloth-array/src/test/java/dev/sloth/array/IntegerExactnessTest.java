package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The wrong numbers of issue 12, one by one (NumpyOperationTableTest covers every combination): user functions on
 * integer arrays, comparisons and min/max/fmod/sign of integers beyond 2^53, in-place operations keeping the type.
 */
class IntegerExactnessTest {
  static final long TWO_53 = 1L << 53;

  @Test
  void applyFeedsTheElementsOfIntegerAndBooleanArrays() {
    assertThat(LArray.of(4, Shape.of(2, 2)).apply(Math::sqrt).evaluate().toDoubleArray())
        .containsExactly(2, 2, 2, 2);
    assertThat(LArray.of(new long[] {1, 2, 3}).plus(1).apply(x -> x * 10).evaluate().toDoubleArray())
        .containsExactly(20, 30, 40);
    assertThat(LArray.of(new int[] {-4, 9}).apply(Math::abs).evaluate().toDoubleArray()).containsExactly(4, 9);
    assertThat(LArray.of(new boolean[] {true, false}).apply(x -> x + 0.5).evaluate().toDoubleArray())
        .containsExactly(1.5, 0.5);
    assertThat(LArray.fromLongFunction(3, i -> i * 7).apply(x -> -x).getDouble(2)).isEqualTo(-14);
  }

  @Test
  void comparisonsWithLongOperandsAreExactBeyond2To53() {
    LArray a = LArray.of(new long[] {TWO_53 + 1, TWO_53, Long.MAX_VALUE});
    assertThat(a.eq(TWO_53).evaluate().toBooleanArray()).containsExactly(false, true, false);
    assertThat(a.ne(TWO_53).evaluate().toBooleanArray()).containsExactly(true, false, true);
    assertThat(a.gt(TWO_53).evaluate().toBooleanArray()).containsExactly(true, false, true);
    assertThat(a.le(Long.MAX_VALUE - 1).evaluate().toBooleanArray()).containsExactly(true, true, false);
    assertThat(a.eq(LArray.of(new long[] {TWO_53, TWO_53, Long.MAX_VALUE - 1})).evaluate().toBooleanArray())
        .containsExactly(false, true, false);
    assertThat(LArray.of(new int[] {7}).lt(8).evaluate().toBooleanArray()).containsExactly(true);
    assertThat(LArray.of(new int[] {7}).lt(8).elementType()).isEqualTo(ElementType.BOOLEAN);
  }

  @Test
  void minMaxFmodAndSignOfIntegersStayIntegersAndExact() {
    LArray a = LArray.of(new long[] {(1L << 60) + 1, -((1L << 60) + 1), Long.MIN_VALUE});
    assertThat(a.max(0).elementType()).isEqualTo(ElementType.LONG);
    assertThat(a.max(0).evaluate().toLongArray()).containsExactly((1L << 60) + 1, 0, 0);
    assertThat(a.min(0L).evaluate().toLongArray()).containsExactly(0, -((1L << 60) + 1), Long.MIN_VALUE);
    assertThat(a.fmod(7).evaluate().toLongArray())
        .containsExactly(((1L << 60) + 1) % 7, -((1L << 60) + 1) % 7, Long.MIN_VALUE % 7);
    assertThat(a.map(UnaryOp.SIGN).elementType()).isEqualTo(ElementType.LONG);
    assertThat(a.map(UnaryOp.SIGN).evaluate().toLongArray()).containsExactly(1, -1, -1);
    LArray i = LArray.of(new int[] {-5, 0, 5});
    assertThat(i.map(UnaryOp.SIGN).evaluate().toIntArray()).containsExactly(-1, 0, 1);
    assertThat(i.max(1).elementType()).isEqualTo(ElementType.INT);
    assertThat(i.max(1).evaluate().toIntArray()).containsExactly(1, 1, 5);
  }

  @Test
  void inPlaceOperationsOnIntegerArraysKeepTheType() {
    MutableLArray m = MutableLArray.of(LArray.of(new int[] {1, 2, Integer.MAX_VALUE}));
    m.addInPlace(2);
    assertThat(m.get().elementType()).isEqualTo(ElementType.INT);
    assertThat(m.get().evaluate().toIntArray()).containsExactly(3, 4, Integer.MIN_VALUE + 1);
    m.multiplyInPlace(1L << 32); // an int64 operand: computed in LONG, stored back wrapping like NumPy's int32
    assertThat(m.get().elementType()).isEqualTo(ElementType.INT);
    assertThat(m.get().evaluate().toIntArray()).containsExactly(0, 0, 0);
    MutableLArray l = MutableLArray.of(LArray.of(new long[] {TWO_53 + 1}));
    l.subtractInPlace(1).floorDivideInPlace(2).modInPlace(1L << 40);
    assertThat(l.get().evaluate().toLongArray()).containsExactly((TWO_53 / 2) % (1L << 40));
    LArray before = m.get();
    assertThatThrownBy(() -> m.divideInPlace(2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot store the DOUBLE result of /= in place in an INT array");
    assertThat(m.get()).as("a refused in-place operation leaves the held array").isSameAs(before);
    assertThatThrownBy(() -> MutableLArray.of(LArray.of(new boolean[] {true})).addInPlace(1))
        .hasMessageContaining("LONG result of += in place in a BOOLEAN array");
  }
}
