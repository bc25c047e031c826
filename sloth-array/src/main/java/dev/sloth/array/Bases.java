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

  /**
   * A base around one user object (a function, a vectorised source, a {@link LazyBase}): its value is that
   * object, and it equals a base of the same kind and element type around an equal object (for lambdas: the same
   * one). The type matters: one function may give LONG elements, or DOUBLE ones when built with that type.
   */
  abstract static class OfUserObject extends Base {
    private final Object user;

    OfUserObject(Object user) {
      this.user = user;
    }

    @Override
    final Object value() {
      return user;
    }

    @Override
    public final boolean equals(Object o) {
      return o != null && o.getClass() == getClass() && ((OfUserObject) o).user.equals(user)
          && ((OfUserObject) o).type() == type();
    }

    @Override
    public final int hashCode() {
      return user.hashCode() * 31 + type().hashCode();
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

    @Override
    Object value() {
      return switch (type) {
        case DOUBLE -> d;
        case LONG -> l;
        case INT -> (int) l;
        case BOOLEAN -> l != 0;
      };
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Scalar s && s.type == type && Double.compare(s.d, d) == 0 && s.l == l;
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + Double.hashCode(d) * 7 + Long.hashCode(l);
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

    @Override
    Object value() {
      return switch (type) { // a copy: the array may be an Evaluated's storage, which must not change
        case DOUBLE -> ((double[]) values).clone();
        case LONG -> ((long[]) values).clone();
        case INT -> ((int[]) values).clone();
        case BOOLEAN -> ((boolean[]) values).clone();
      };
    }

    /** Equal to a dense base of the same type and shape holding equal values (the same array: no comparison). */
    @Override
    public boolean equals(Object o) {
      if (!(o instanceof Dense b) || b.type != type || !b.shape.equals(shape)) {
        return false;
      }
      return b.values == values || switch (type) {
        case DOUBLE -> Arrays.equals((double[]) values, (double[]) b.values);
        case LONG -> Arrays.equals((long[]) values, (long[]) b.values);
        case INT -> Arrays.equals((int[]) values, (int[]) b.values);
        case BOOLEAN -> Arrays.equals((boolean[]) values, (boolean[]) b.values);
      };
    }

    @Override
    public int hashCode() {
      return type.hashCode() * 31 + shape.hashCode(); // cheap: not the values
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

    @Override
    Object value() {
      return values;
    }
  }

  /** {@code f(i)} for a 1-D array; the function's interface decides the element type. */
  static final class Function1 extends OfUserObject {
    final Object f;
    final ElementType type;

    Function1(Object f) {
      this(f, f);
    }

    /** {@code user}'s results computed by {@code f}, which converts them ({@link Elements#convertedFunction}). */
    Function1(Object user, Object f) {
      super(user);
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

    /** f of each element's value, which must be an int (lazyarray's {@code b(a)}): into d or l by f's type. */
    void applyToValues(long[] in, int n, double[] d, long[] l) {
      for (int k = 0; k < n; k++) {
        long v = in[k];
        if (v != (int) v) {
          throw new IllegalArgumentException("applyTo: an element of the argument is " + v
              + ", which does not fit in the int that f(i) takes");
        }
        int i = (int) v;
        switch (type) {
          case DOUBLE -> d[k] = ((IntToDoubleFunction) f).applyAsDouble(i);
          case LONG -> l[k] = ((IntToLongFunction) f).applyAsLong(i);
          case INT -> l[k] = ((IntUnaryOperator) f).applyAsInt(i);
          case BOOLEAN -> l[k] = ((IntPredicate) f).test(i) ? 1 : 0;
        }
      }
    }
  }

  /** {@code f(i, j)} for a 2-D array of doubles. */
  static final class Function2 extends OfUserObject {
    final IndexFunction2 f;

    Function2(IndexFunction2 f) {
      super(f);
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

  /**
   * {@code f(index)} for an array of any rank: an {@link IndexFunction}, {@link LongIndexFunction} or {@link
   * IndexPredicate}.
   */
  static final class FunctionN extends OfUserObject {
    final Object f;
    final ElementType type;

    /** {@code type}: the function's own, or one its results convert to ({@link Elements#checkFunctionConversion}). */
    FunctionN(Object f, ElementType type) {
      super(f);
      this.f = f;
      this.type = type;
    }

    static ElementType naturalType(Object f) {
      return f instanceof IndexFunction ? ElementType.DOUBLE
          : f instanceof LongIndexFunction ? ElementType.LONG : ElementType.BOOLEAN;
    }

    @Override
    ElementType type() {
      return type;
    }

    @Override
    void fill(Block b, double[] d, long[] l) {
      int[][] c = b.coords();
      int[] index = b.index;
      for (int k = 0; k < b.n; k++) {
        for (int a = 0; a < index.length; a++) {
          index[a] = c[a][k];
        }
        long v = 0;
        if (f instanceof IndexFunction g) {
          d[k] = g.apply(index);
          continue;
        } else if (f instanceof LongIndexFunction g) {
          v = g.applyAsLong(index);
        } else {
          v = ((IndexPredicate) f).test(index) ? 1 : 0;
        }
        if (type == ElementType.DOUBLE) {
          d[k] = v;
        } else {
          if (type == ElementType.INT && v != (int) v) {
            throw new IllegalArgumentException("f(" + java.util.Arrays.toString(index) + ") is " + v
                + ", which does not fit in INT");
          }
          l[k] = v;
        }
      }
    }

    @Override
    String describe() {
      return "function f(index) -> " + type;
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

    @Override
    Object value() {
      return m;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Sparse b && b.m.equals(m) && Double.compare(b.empty, empty) == 0;
    }

    @Override
    public int hashCode() {
      return m.hashCode() * 31 + Double.hashCode(empty);
    }
  }

  /**
   * An iterator, drained once (on the first evaluation, row-major) into a dense array that every later
   * evaluation and every derived lazy array shares. If that first drain fails once the iterator has been touched
   * (it throws, ends early, or yields a wrong element), the values it gave are lost with it: every later evaluation
   * fails too, with the first failure as the cause, instead of reading on from wherever the iterator stopped.
   */
  static final class FromIterator extends Base {
    final ElementType type;
    private final Iterator<?> original; // for baseValue()
    private Iterator<?> source;
    private Dense drained;
    private Throwable failure; // the first drain's, once the iterator was touched
    private int readBeforeFailure;

    FromIterator(Iterator<?> source, ElementType type) {
      this.original = source;
      this.source = source;
      this.type = type;
    }

    @Override
    Object value() {
      return original;
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
      if (failure != null) {
        throw new IllegalStateException("the iterator of " + type + " failed in an earlier evaluation, after "
            + readBeforeFailure + " values (" + failure + "); it is read only once, so this array cannot be"
            + " evaluated", failure);
      }
      long size = shape.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new IllegalArgumentException("an iterator base of shape " + shape + " is too large to hold");
      }
      int n = (int) size;
      Object values = Evaluated.allocate(type, n);
      int k = 0;
      try {
        for (; k < n; k++) {
          read(values, k, shape, n);
        }
      } catch (RuntimeException | Error e) {
        failure = e;
        readBeforeFailure = k;
        source = null;
        throw e;
      }
      source = null;
      drained = new Dense(type, shape, values);
      return drained;
    }

    /** Reads element {@code k} of {@code n} into {@code values}. */
    private void read(Object values, int k, Shape shape, int n) {
      if (!source.hasNext()) {
        throw new IllegalStateException("iterator ended after " + k + " values; shape " + shape + " needs " + n);
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

    @Override
    String describe() {
      return "iterator of " + type;
    }
  }

  /**
   * A vectorised source ({@link VectorizedSource} or one of its {@code OfLong}, {@code OfInt}, {@code OfBoolean}),
   * asked once per evaluation for as many values as elements are addressed.
   */
  static final class Vectorized extends OfUserObject {
    final Object source;
    final ElementType type;

    Vectorized(Object source) {
      super(source);
      this.source = source;
      this.type = source instanceof VectorizedSource ? ElementType.DOUBLE
          : source instanceof VectorizedSource.OfLong ? ElementType.LONG
          : source instanceof VectorizedSource.OfInt ? ElementType.INT : ElementType.BOOLEAN;
    }

    @Override
    ElementType type() {
      return type;
    }

    @Override
    Base prepare(Selection selection) {
      int n = (int) selection.size();
      Object values = switch (type) {
        case DOUBLE -> ((VectorizedSource) source).next(n);
        case LONG -> ((VectorizedSource.OfLong) source).next(n);
        case INT -> ((VectorizedSource.OfInt) source).next(n);
        case BOOLEAN -> ((VectorizedSource.OfBoolean) source).next(n);
      };
      if (values == null || java.lang.reflect.Array.getLength(values) != n) {
        throw new IllegalStateException("vectorized source " + source + " returned "
            + (values == null ? "null" : java.lang.reflect.Array.getLength(values) + " values") + " when asked for "
            + n);
      }
      return new Prepared(type, values, describe());
    }

    @Override
    void fill(Block b, double[] d, long[] l) {
      throw new AssertionError("vectorized bases are prepared before evaluation");
    }

    @Override
    String describe() {
      return "vectorized source of " + type;
    }
  }

  /** A user's {@link LazyBase}. */
  static final class Custom extends OfUserObject {
    final LazyBase base;

    Custom(LazyBase base) {
      super(base);
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
