package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 12 item 11: shapes too large say so and name themselves; a zero axis makes the size 0 in any order. */
class ShapeTest {
  static final int MAX = Integer.MAX_VALUE;

  @Test
  void aShapeTooLargeForALongNamesItself() {
    assertThatThrownBy(() -> Shape.of(MAX, MAX, MAX))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("shape (2147483647, 2147483647, 2147483647) has more than 2^63 - 1 elements (the size of an"
            + " array must fit in a long)");
    assertThat(Shape.of(MAX, MAX).size()).isEqualTo((long) MAX * MAX);
    assertThat(Shape.of(MAX, MAX, 2).size()).isEqualTo((long) MAX * MAX * 2);
  }

  @Test
  void aZeroAxisGivesSizeZeroInAnyOrder() {
    assertThat(Shape.of(MAX, MAX, MAX, 0).size()).isZero();
    assertThat(Shape.of(0, MAX, MAX, MAX).size()).isZero();
    assertThat(Shape.of(MAX, 0, MAX, MAX).size()).isZero();
    assertThat(LArray.of(1.0, Shape.of(MAX, MAX, MAX, 0)).evaluate().shape())
        .isEqualTo(Shape.of(MAX, MAX, MAX, 0));
  }
}
