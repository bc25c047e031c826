package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The examples of docs/array.md and of the Javadoc, compiled and checked. */
class GuideExamplesTest {

  @Test
  void introduction() {
    AtomicLong calls = new AtomicLong();
    LArray w = LArray.fromFunction(100_000, 100_000, (i, j) -> {
      calls.incrementAndGet();
      return Math.abs(i - j);
    });
    LArray s = w.times(0.01).plus(1).sqrt();
    assertThat(calls.get()).isZero();
    Evaluated block = s.get("10:13, -3:");
    assertThat(block.shape()).isEqualTo(Shape.of(3, 3));
    assertThat(calls.get()).isEqualTo(9);
    double one = s.getDouble(-1, 0);
    assertThat(one).isEqualTo(Math.sqrt(99_999 * 0.01 + 1));
    assertThat(calls.get()).isEqualTo(10);
  }

  @Test
  void addressForms() {
    LArray m = LArray.fromFunction(6, 5, (i, j) -> 2 * i + j);
    assertThat(m.evaluate().size()).isEqualTo(30);
    assertThat(m.get("2:5, 3:")).isEqualTo(m.get(Index.slice(2, 5), Index.from(3)));
    assertThat(m.get(Index.at(-1)).toDoubleArray()).containsExactly(10, 11, 12, 13, 14);
    assertThat(m.get(Index.slice(null, null, -2)).shape()).isEqualTo(Shape.of(3, 5));
    assertThat(m.get(Index.list(2, 3, 4), Index.list(3, 4, 0)).toDoubleArray()).containsExactly(7, 10, 8);
    assertThat(m.get(Index.mask(true, false, true, false, false, true)).shape()).isEqualTo(Shape.of(3, 5));
    assertThat(m.get(Index.mask(new boolean[6][5])).size()).isZero();
    assertThat(m.getDouble(-1, -1)).isEqualTo(14);
  }

  @Test
  void shapeLaterAndTypes() {
    LArray a = LArray.fromFunction(i -> i * 0.5);
    assertThat(a.hasShape()).isFalse();
    LArray b = a.plus(LArray.of(1.0)).withShape(4);
    assertThat(b.shape()).isEqualTo(Shape.of(4));
    assertThat(b.ncols()).isEqualTo(1);
    LArray ints = LArray.of(new int[] {1, 2, 3});
    assertThat(ints.elementType()).isEqualTo(ElementType.INT);
    assertThat(ints.plus(1).elementType()).isEqualTo(ElementType.INT);
    assertThat(ints.plus(0.5).elementType()).isEqualTo(ElementType.DOUBLE);
    assertThat(ints.lt(2).elementType()).isEqualTo(ElementType.BOOLEAN);
  }

  @Test
  void vectorizedAndSparseAndMutable() {
    SplittableRandom rng = new SplittableRandom(42);
    LArray noise = LArray.fromVectorized(n -> rng.doubles(n).toArray(), Shape.of(1_000_000));
    assertThat(noise.get(Index.slice(0, 10)).size()).isEqualTo(10);
    CsrMatrix m = CsrMatrix.of(2, 3, new int[] {0, 2, 3}, new int[] {0, 2, 2}, new double[] {1, 2, 3});
    assertThat(m.get(1, 2)).isEqualTo(3);
    MutableLArray v = MutableLArray.of(LArray.of(5.0, Shape.of(4, 3)));
    LArray before = v.get();
    v.addInPlace(2).multiplyInPlace(3);
    assertThat(v.get().evaluateSimplified().doubleValue()).isEqualTo(21);
    assertThat(before.evaluateSimplified().doubleValue()).isEqualTo(5);
    assertThat(LArray.fromFunction(3, 4, (i, j) -> 10 * i + j).get(Address.parse("1:, ::2")).toDoubleArray())
        .containsExactly(10, 12, 20, 22);
  }

  @Test
  void newAddressFormsTypesAndInspection() {
    LArray a = LArray.fromFunction(Shape.of(2, 3, 4), ix -> 12 * ix[0] + 4 * ix[1] + ix[2]);
    assertThat(a.get("0, ..., None, 1").toString()).isEqualTo("[[1.0], [5.0], [9.0]]");
    assertThat(a.get(Index.list(new int[][] {{0}, {1}}), Index.all(), Index.list(0, 1, 2)).shape())
        .isEqualTo(Shape.of(2, 3, 3));
    assertThat(a.get(Index.mask()).shape()).isEqualTo(Shape.of(0, 3, 4));
    LArray ints = LArray.of(new int[] {1, 2, 3});
    assertThat(ints.plus(1L).elementType()).isEqualTo(ElementType.LONG);
    assertThat(LArray.of(new boolean[] {true}).plus(1).elementType()).isEqualTo(ElementType.LONG);
    assertThat(LArray.of(new long[] {(1L << 53) + 1}).eq(1L << 53).evaluate().toBooleanArray()).containsExactly(false);
    LArray q = LArray.of(new double[] {1, 2}).times(2).rminus(1).sqrt();
    assertThat(q.operations().toString()).isEqualTo("[* 2 -> DOUBLE, 1 - x -> DOUBLE, sqrt -> DOUBLE]");
    LArray b = LArray.fromFunction(4, 4, (i, j) -> 10 * i + j);
    assertThat(b.get("(1, 3), :").get(":, (0, 2)").toDoubleMatrix()).isEqualTo(new double[][] {{10, 12}, {30, 32}});
  }
}
