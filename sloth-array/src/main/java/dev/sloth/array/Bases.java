package dev.sloth.array;

import java.util.Arrays;
import java.util.Iterator;
import java.util.PrimitiveIterator;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/** The kinds of {@link Base}. */
final class Bases {
  private Bases() {}

  /** Copies {@code values[s .. s+n)} into the block buffer of its type (d for DOUBLE, l otherwise). */
  static void copyRange(ElementType type, Object values, int s, int n, double[] d, long[] l) {
    switch (type) {
      case DOUBLE -> System.arraycopy((double[]) values, s, d, 0, n);
      case LONG -> System.arraycopy((long[]) values, s, l, 0, n);
      case INT -> {
        int[] v = (int[]) values;
        for (int k = 0; k < n; k++) {
          l[k] = v[s + k];
        }
      }
      case BOOLEAN -> {
        boolean[] v = (boolean[]) values;
        for (int k = 0; k < n; k++) {
          l[k] = v[s + k] ? 1 : 0;
        }
      }
    }
  }

  /** One value everywhere: the homogeneous array. */
  static final class Scalar extends Base {
    final ElementType type;
    final double d;
    final long l;

    Scalar(ElementType type, double d, long l) {
      this.type = type;
      this.d = d;
      this.l = l;
    }

    @Override
    ElementType type() {
      return type;
    }

    @Override
    boolean isHomogeneous() {
      return true;
    }

    @Override
    void fill(Block b, double[] dd, long[] ll) {
      if (type == ElementType.DOUBLE) {
        Arrays.fill(dd, 0, b.n, d);
      } else {
        Arrays.fill(ll, 0, b.n, l);
      }
    }

    @Override
    String describe() {
      return "scalar " + (type == ElementType.DOUBLE ? Double.toString(d)
          : type == ElementType.BOOLEAN ? Boolean.toString(l != 0) : Long.toString(l));
    }
  }

  /** A dense row-major Java array of a fixed shape. */
  static class Dense extends Base {
    final ElementType type;
    final Shape shape;
    final Object values;

    Dense(ElementType type, Shape shape, Object values) {
      this.type = type;
      this.shape = shape;
      this.values = values;
    }

    @Override
    ElementType type() {
      return type;
    }

    @Override
    Shape fixedShape() {
      return shape;
    }

    @Override
    void fill(Block b, double[] d, long[] l) {
      int n = b.n;
      if (b.contiguous()) {
        copyRange(type, values, (int) b.sourceStart(), n, d, l);
        return;
      }
      int[] off = b.offsets();
      switch (type) {
        case DOUBLE -> {
          double[] v = (double[]) values;
          for (int k = 0; k < n; k++) {
            d[k] = v[off[k]];
          }
        }
        case LONG -> {
          long[] v = (long[]) values;
          for (int k = 0; k < n; k++) {
            l[k] = v[off[k]];
          }
        }
        case INT -> {
          int[] v = (int[]) values;
          for (int k = 0; k < n; k++) {
            l[k] = v[off[k]];
          }
        }
        case BOOLEAN -> {
          boolean[] v = (boolean[]) values;
          for (int k = 0; k < n; k++) {
            l[k] = v[off[k]] ? 1 : 0;
          }
        }
      }
    }

    @Override
    String describe() {
      return type + " array of shape " + shape;
    }
  }

  /** Values already computed for exactly the selection being evaluated, in result order. */
  static final class Prepared extends Base {
    final ElementType type;
    final Object values;
    final String origin;

    Prepared(ElementType type, Object values, String origin) {
      this.type = type;
      this.values = values;
      this.origin = origin;
    }

    @Override
    ElementType type() {
      return type;
    }

    @Override
    void fill(Block b, double[] d, long[] l) {
      copyRange(type, values, (int) b.start, b.n, d, l);
    }

    @Override
    String describe() {
      return origin;
    }
  }

  /** {@code f(i)} for a 1-D array; the function's interface decides the element type. */
  static final class Function1 extends Base {
    final Object f;
    final ElementType type;

    Function1(Object f) {
      this.f = f;
      this.type = f instanceof IntToDoubleFunction ? ElementType.DOUBLE
          : f instanceof IntToLongFunction ? ElementType.LONG
          : f instanceof IntUnaryOperator ? ElementType.INT : ElementType.BOOLEAN;
    }

    @Override
    ElementType type() {
      return type;
    }

    @Override
    void checkShape(Shape shape) {
      if (shape.rank() != 1) {
        throw new IllegalArgumentException("a function f(i) needs a 1-D shape, got " + shape);
      }
    }

    @Override
    void fill(Block b, double[] d, long[] l) {
      int n = b.n;
      int[] idx = b.coords()[0];
      switch (type) {
        case DOUBLE -> {
          IntToDoubleFunction g = (IntToDoubleFunction) f;
          for (int k = 0; k < n; k++) {
            d[k] = g.applyAsDouble(idx[k]);
          }
        }
        case LONG -> {
          IntToLongFunction g = (IntToLongFunction) f;
          for (int k = 0; k < n; k++) {
            l[k] = g.applyAsLong(idx[k]);
          }
        }
        case INT -> {
          IntUnaryOperator g = (IntUnaryOperator) f;
          for (int k = 0; k < n; k++) {
            l[k] = g.applyAsInt(idx[k]);
          }
        }
        case BOOLEAN -> {
          IntPredicate g = (IntPredicate) f;
          for (int k = 0; k < n; k++) {
            l[k] = g.test(idx[k]) ? 1 : 0;
          }
        }
      }
    }

    @Override
    String describe() {
      return "function f(i) -> " + type;
    }
  }

  /** {@code f(i, j)} for a 2-D array of doubles. */
  static final class Function2 extends Base {
    final IndexFunction2 f;

    Function2(IndexFunction2 f) {
      this.f = f;
    }

    @Override
    ElementType type() {
      return ElementType.DOUBLE;
    }

    @Override
    void checkShape(Shape shape) {
      if (shape.rank() != 2) {
        throw new IllegalArgumentException("a function f(i, j) needs a 2-D shape, got " + shape);
      }
    }

    @Override
    void fill(Block b, double[] d, long[] l) {
      int[][] c = b.coords();
      int[] i = c[0];
      int[] j = c[1];
      for (int k = 0; k < b.n; k++) {
        d[k] = f.apply(i[k], j[k]);
      }
    }

    @Override
    String describe() {
      return "function f(i, j)";
    }
  }

  /** {@code f(index)} for an array of any rank. */
  static final class FunctionN extends Base {
    final IndexFunction f;

    FunctionN(IndexFunction f) {
      this.f = f;
    }

    @Override
    ElementType type() {
      return ElementType.DOUBLE;
    }

    @Override
    void fill(Block b, double[] d, long[] l) {
      int[][] c = b.coords();
      int[] index = b.index;
      for (int k = 0; k < b.n; k++) {
        for (int a = 0; a < index.length; a++) {
          index[a] = c[a][k];
        }
        d[k] = f.apply(index);
      }
    }

    @Override
    String describe() {
      return "function f(index)";
    }
  }

  /** A CSR sparse matrix; absent elements read as {@code empty}. */
  static final class Sparse extends Base {
    final CsrMatrix m;
    final double empty;

    Sparse(CsrMatrix m, double empty) {
      this.m = m;
      this.empty = empty;
    }

    @Override
    ElementType type() {
      return ElementType.DOUBLE;
    }

    @Override
    Shape fixedShape() {
      return Shape.of(m.rows(), m.cols());
    }

    @Override
    void fill(Block b, double[] d, long[] l) {
      int[][] c = b.coords();
      for (int k = 0; k < b.n; k++) {
        d[k] = m.getOr(c[0][k], c[1][k], empty);
      }
    }

    @Override
    String describe() {
      return m.rows() + "x" + m.cols() + " sparse matrix with " + m.nonZeros() + " entries";
    }
  }

  /**
   * An iterator, drained once (on the first evaluation, row-major) into a dense array that every later
   * evaluation and every derived lazy array shares.
   */
  static final class FromIterator extends Base {
    final ElementType type;
    private Iterator<?> source;
    private Dense drained;

    FromIterator(Iterator<?> source, ElementType type) {
      this.source = source;
      this.type = type;
    }

    @Override
    ElementType type() {
      return type;
    }

    @Override
    synchronized Shape fixedShape() {
      return drained == null ? null : drained.shape;
    }

    @Override
    Base prepare(Selection selection) {
      return drain(selection.fullShape());
    }

    @Override
    void fill(Block b, double[] d, long[] l) {
      throw new AssertionError("iterator bases are prepared before evaluation");
    }

    synchronized Dense drain(Shape shape) {
      if (drained != null) {
        if (!drained.shape.equals(shape)) {
          throw new IllegalStateException("the iterator was consumed for shape " + drained.shape
              + " and cannot be evaluated again with shape " + shape);
        }
        return drained;
      }
      long size = shape.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("an iterator base of shape " + shape + " is too large to hold");
      }
      int n = (int) size;
      Object values = Evaluated.allocate(type, n);
      for (int k = 0; k < n; k++) {
        if (!source.hasNext()) {
          throw new IllegalStateException(
              "iterator ended after " + k + " values; shape " + shape + " needs " + n);
        }
        switch (type) {
          case DOUBLE -> ((double[]) values)[k] = source instanceof PrimitiveIterator.OfDouble it
              ? it.nextDouble() : Elements.toDouble(source.next(), "iterator element " + k);
          case LONG -> ((long[]) values)[k] = source instanceof PrimitiveIterator.OfLong it
              ? it.nextLong() : Elements.toLong(source.next(), "iterator element " + k);
          case INT -> ((int[]) values)[k] = source instanceof PrimitiveIterator.OfInt it
              ? it.nextInt() : Elements.toInt(source.next(), "iterator element " + k);
          case BOOLEAN -> ((boolean[]) values)[k] = Elements.toBoolean(source.next(), "iterator element " + k);
        }
      }
      source = null;
      drained = new Dense(type, shape, values);
      return drained;
    }

    @Override
    String describe() {
      return "iterator of " + type;
    }
  }

  /** A vectorised source, asked once per evaluation for as many values as elements are addressed. */
  static final class Vectorized extends Base {
    final VectorizedSource source;

    Vectorized(VectorizedSource source) {
      this.source = source;
    }

    @Override
    ElementType type() {
      return ElementType.DOUBLE;
    }

    @Override
    Base prepare(Selection selection) {
      int n = (int) selection.size();
      double[] values = source.next(n);
      if (values == null || values.length != n) {
        throw new IllegalStateException("vectorized source " + source + " returned "
            + (values == null ? "null" : values.length + " values") + " when asked for " + n);
      }
      return new Prepared(ElementType.DOUBLE, values, describe());
    }

    @Override
    void fill(Block b, double[] d, long[] l) {
      throw new AssertionError("vectorized bases are prepared before evaluation");
    }

    @Override
    String describe() {
      return "vectorized source";
    }
  }

  /** A user's {@link LazyBase}. */
  static final class Custom extends Base {
    final LazyBase base;

    Custom(LazyBase base) {
      this.base = base;
    }

    @Override
    ElementType type() {
      return base.elementType();
    }

    @Override
    Shape fixedShape() {
      return base.fixedShape().orElse(null);
    }

    @Override
    Base prepare(Selection selection) {
      Evaluated e = base.evaluate(selection);
      if (e == null || !e.shape().equals(selection.resultShape()) || e.elementType() != base.elementType()) {
        throw new IllegalStateException(base.getClass().getName() + ".evaluate returned "
            + (e == null ? "null" : e.elementType() + " values of shape " + e.shape()) + "; expected "
            + base.elementType() + " values of shape " + selection.resultShape());
      }
      return new Prepared(e.elementType(), e.storage(), describe());
    }

    @Override
    void fill(Block b, double[] d, long[] l) {
      throw new AssertionError("custom bases are prepared before evaluation");
    }

    @Override
    String describe() {
      return "lazy base " + base.getClass().getName();
    }
  }
}
