package dev.sloth.graph;

import java.util.Objects;
import java.util.function.IntPredicate;

/** The comparison behind {@link Equivalence#tolerance(double)}. */
final class Tolerance {
  private Tolerance() {}

  static boolean within(Object a, Object b, double tolerance) {
    if (a instanceof Number x && b instanceof Number y) {
      return close(x.doubleValue(), y.doubleValue(), tolerance);
    }
    if (a instanceof double[] x && b instanceof double[] y) {
      return x.length == y.length && all(x.length, i -> close(x[i], y[i], tolerance));
    }
    if (a instanceof float[] x && b instanceof float[] y) {
      return x.length == y.length && all(x.length, i -> close(x[i], y[i], tolerance));
    }
    return Objects.deepEquals(a, b);
  }

  private static boolean all(int n, IntPredicate close) {
    for (int i = 0; i < n; i++) {
      if (!close.test(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean close(double x, double y, double tolerance) {
    return x == y || Math.abs(x - y) <= tolerance || (Double.isNaN(x) && Double.isNaN(y));
  }
}
