package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link ScalarDivision} against Java's {@code x / d}, bit for bit ({@code doubleToRawLongBits}; a NaN only has to
 * stay a NaN): a property over jqwik's doubles and edge cases, and a brute-force sweep over about 30 million
 * dividends (random bit patterns, ordinary magnitudes, quotients next to a rounding midpoint, the ends of the fast
 * range) and 60 divisors.
 */
class ScalarDivisionTest {

  static final double[] NAMED_DIVISORS = {3, 7, 10, 0.1, 1e-300, 1e300, -3, 1 / 3.0, 5, 11, 13, 100, Math.PI,
      4.4942328371557893E307, 0x1.fffffffffffffp0, 0x1.0000000000001p0, -0.1};

  static boolean sameResult(double expected, double actual) {
    return Double.isNaN(expected) ? Double.isNaN(actual)
        : Double.doubleToRawLongBits(expected) == Double.doubleToRawLongBits(actual);
  }

  @Test
  void divisorsAreSortedIntoTheRightPath() {
    assertThat(ScalarDivision.of(3).corrections).isEqualTo(1); // |3 RN(1/3) - 1| = 2^-54 exactly
    assertThat(ScalarDivision.of(10).corrections).isEqualTo(1);
    assertThat(ScalarDivision.of(1e300).corrections).isEqualTo(2); // |eps| = 1.40 * 2^-54
    assertThat(ScalarDivision.of(4.4942328371557893E307).corrections).isEqualTo(2);
    for (double p : new double[] {1, 2, 0.5, -4, 0x1p-1022, 0x1p1023}) {
      assertThat(ScalarDivision.of(p).corrections).as("power of two %s", p).isZero();
    }
    for (double d : new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.MIN_VALUE, 0x1p-1074 * 3,
        0x1.8p1022, 0x1.8p-1022, Double.MAX_VALUE}) {
      assertThat(ScalarDivision.of(d).isFast()).as("divisor %s", d).isFalse();
    }
    ScalarDivision three = ScalarDivision.of(3);
    assertThat(three.covers(1, 10)).isTrue();
    assertThat(three.covers(-10, -1)).isTrue();
    assertThat(three.covers(0, 10)).as("zero's sign needs the division").isFalse();
    assertThat(three.covers(-1, 1)).isFalse();
    assertThat(three.covers(1, Double.POSITIVE_INFINITY)).isFalse();
    assertThat(three.covers(0x1p-969, 1)).isFalse();
    assertThat(ScalarDivision.of(4).covers(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
  }

  @Provide
  Arbitrary<Double> divisors() {
    return Arbitraries.oneOf(Arbitraries.of(java.util.Arrays.stream(NAMED_DIVISORS).boxed().toList()),
        Arbitraries.doubles(),
        Arbitraries.doubles().between(-1e6, 1e6));
  }

  @Property(tries = 3000)
  void equalsDivisionForEveryDividend(@ForAll double x, @ForAll("divisors") double d) {
    ScalarDivision div = ScalarDivision.of(d);
    boolean inRange = div.covers(x, x);
    double[] one = {x};
    div.run(one, 1, null, 0, null, 0, inRange);
    assertThat(sameResult(x / d, one[0])).as("%s / %s gave %s", x, d, one[0]).isTrue();
    if (div.corrections > 0 && inRange) {
      assertThat(sameResult(x / d, ScalarDivision.twice(x, d, d == 0 ? 0 : 1 / d))).isTrue();
    }
  }

  @Test
  void bruteForceOverThirtyMillionDividends() {
    SplittableRandom rnd = new SplittableRandom(20261121);
    List<Double> divisors = new ArrayList<>();
    for (double d : NAMED_DIVISORS) {
      divisors.add(d);
    }
    while (divisors.size() < 60) { // random mantissas over all sensible exponents, both signs
      double d = Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(-1021, 1022)) * (rnd.nextBoolean() ? 1 : -1);
      divisors.add(d);
    }
    int n = 500_000;
    double[] x = new double[n];
    double[] fast = new double[n];
    long checked = 0;
    long failures = 0;
    String firstFailure = null;
    for (double d : divisors) {
      ScalarDivision div = ScalarDivision.of(d);
      assertThat(div.corrections).as("divisor %s has corrections", d).isPositive();
      fillDividends(x, d, rnd);
      for (int k = 0; k < n; k++) {
        double v = x[k];
        if (!div.covers(v, v)) {
          continue;
        }
        double expected = v / d;
        double once = ScalarDivision.once(v, d, div.reciprocal);
        double twice = ScalarDivision.twice(v, d, div.reciprocal);
        boolean ok = sameResult(expected, twice) && (div.corrections != 1 || sameResult(expected, once));
        checked++;
        if (!ok) {
          failures++;
          if (firstFailure == null) {
            firstFailure = v + " / " + d + ": expected " + expected + ", once " + once + ", twice " + twice;
          }
        }
      }
      // the vector loops, with the range proven for the whole block or not at all
      System.arraycopy(x, 0, fast, 0, n);
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (double v : x) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
      div.run(fast, n, null, 0, null, 0, div.covers(min, max));
      for (int k = 0; k < n; k++) {
        if (!sameResult(x[k] / d, fast[k])) {
          failures++;
          firstFailure = firstFailure != null ? firstFailure : "loop: " + x[k] + " / " + d + " gave " + fast[k];
        }
      }
    }
    assertThat(failures).as("first failure: %s", firstFailure).isZero();
    assertThat(checked).as("dividends in the fast range").isGreaterThan(25_000_000L);
  }

  /** A mix of dividends; the hard ones put x / d within a hair of a midpoint between two doubles. */
  static void fillDividends(double[] x, double d, SplittableRandom rnd) {
    int n = x.length;
    for (int k = 0; k < n; k++) {
      x[k] = switch (k % 8) {
        case 0 -> Double.longBitsToDouble(rnd.nextLong()); // every exponent, subnormals, NaN, infinities
        case 1 -> rnd.nextDouble(-1e6, 1e6);
        case 2, 3, 4 -> { // q * d + ulp(q) d / 2 rounded: the quotient lies next to the midpoint above q
          double q = Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(-60, 61)) * (rnd.nextBoolean() ? 1 : -1);
          yield Math.fma(q, d, 0.5 * Math.ulp(q) * d);
        }
        case 5 -> Math.scalb(1 + rnd.nextDouble(), rnd.nextInt(-1074, 1024)); // every magnitude
        case 6 -> { // the ends of the fast range and just outside
          ScalarDivision div = ScalarDivision.of(d);
          double edge = rnd.nextBoolean() ? div.low : div.high;
          yield Math.scalb(edge, rnd.nextInt(-2, 3)) * (1 + rnd.nextDouble() * 0x1p-40) * (rnd.nextBoolean() ? 1 : -1);
        }
        default -> { // x a multiple of d: exact quotients, including powers of two
          double q = rnd.nextInt(1, 1 << 20) * Math.scalb(1.0, rnd.nextInt(-30, 31));
          yield q * d;
        }
      };
    }
    x[0] = 0.0;
    x[1] = -0.0;
    x[2] = Double.POSITIVE_INFINITY;
    x[3] = Double.NEGATIVE_INFINITY;
    x[4] = Double.NaN;
    x[5] = Double.MIN_VALUE;
    x[6] = -Double.MAX_VALUE;
    x[7] = d;
  }
}
