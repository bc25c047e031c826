package dev.sloth.array;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;

/**
 * A lazy array: a base value (a scalar, a Java array, a sparse matrix, an iterator, a function of the index, a
 * vectorised source or a user's {@link LazyBase}) plus a queue of element-wise operations that run only when
 * (part of) the array is evaluated, and then only for the addressed elements. Immutable: every operation returns
 * a new {@code LArray} sharing the base and extending the queue.
 *
 * <p>Addressing follows NumPy exactly (see {@link Address}, {@link Index}); array operands are evaluated at the
 * same address; the operation queue is fused into one pass over the data (see {@code Kernel}).
 *
 * <pre>{@code
 * AtomicLong calls = new AtomicLong();
 * LArray a = LArray.fromFunction(1_000_000, i -> { calls.incrementAndGet(); return i * 0.5; });
 * LArray b = a.times(2).plus(1).sqrt();              // nothing computed yet
 * Evaluated tail = b.get(Index.slice(-3, null, null)); // f called 3 times, for 999997..999999
 * double one = b.getDouble(-1);                       // f called once more
 * }</pre>
 *
 * <p>Two lazy arrays are {@link #equals equal} when they have the same base (equal scalars or dense arrays, the
 * same function, source or matrix), the same shape and equal queues of operations, as in lazyarray; nothing is
 * evaluated to compare them. Iterating over an array yields its items along the first axis, each evaluated when
 * reached.
 */
public final class LArray implements Iterable<Evaluated> {
  private static final Op[] NO_OPS = new Op[0];

  private final Base base;
  private final Shape shape; // null until given
  private final Op[] ops;
  private final ElementType type;

  private LArray(Base base, Shape shape, Op[] ops) {
    this.base = base;
    this.shape = shape;
    this.ops = ops;
    this.type = ops.length == 0 ? base.type() : ops[ops.length - 1].out();
  }

  private static LArray create(Base base, Shape shape) {
    if (shape == null) {
      shape = base.fixedShape();
    } else {
      base.checkShape(shape);
    }
    return new LArray(base, shape, NO_OPS);
  }

  // ---------------------------------------------------------------- scalars

  /**
   * A homogeneous array of {@code value}; give its shape later with {@link #withShape}.
   *
   * @param value the value of every element
   * @return a DOUBLE array without a shape yet
   */
  public static LArray of(double value) {
    return create(new Bases.Scalar(ElementType.DOUBLE, value, 0), null);
  }

  /**
   * A homogeneous LONG array of {@code value}, shape given later.
   *
   * @param value the value of every element
   * @return a LONG array without a shape yet
   */
  public static LArray of(long value) {
    return create(new Bases.Scalar(ElementType.LONG, value, value), null);
  }

  /**
   * A homogeneous INT array of {@code value}, shape given later.
   *
   * @param value the value of every element
   * @return an INT array without a shape yet
   */
  public static LArray of(int value) {
    return create(new Bases.Scalar(ElementType.INT, value, value), null);
  }

  /**
   * A homogeneous BOOLEAN array of {@code value}, shape given later.
   *
   * @param value the value of every element
   * @return a BOOLEAN array without a shape yet
   */
  public static LArray of(boolean value) {
    return create(new Bases.Scalar(ElementType.BOOLEAN, value ? 1 : 0, value ? 1 : 0), null);
  }

  /**
   * A homogeneous array of {@code value} with the given shape.
   *
   * @param value the value of every element
   * @param shape the shape; it costs nothing, one element is computed and repeated
   * @return the DOUBLE array
   */
  public static LArray of(double value, Shape shape) {
    return of(value).withShape(shape);
  }

  /**
   * A homogeneous LONG array of {@code value} with the given shape.
   *
   * @param value the value of every element
   * @param shape the shape; it costs nothing, one element is computed and repeated
   * @return the LONG array
   */
  public static LArray of(long value, Shape shape) {
    return of(value).withShape(shape);
  }

  /**
   * A homogeneous INT array of {@code value} with the given shape.
   *
   * @param value the value of every element
   * @param shape the shape; it costs nothing, one element is computed and repeated
   * @return the INT array
   */
  public static LArray of(int value, Shape shape) {
    return of(value).withShape(shape);
  }

  /**
   * A homogeneous BOOLEAN array of {@code value} with the given shape.
   *
   * @param value the value of every element
   * @param shape the shape; it costs nothing, one element is computed and repeated
   * @return the BOOLEAN array
   */
  public static LArray of(boolean value, Shape shape) {
    return of(value).withShape(shape);
  }

  // ---------------------------------------------------------------- dense arrays (not copied: do not mutate)

  /**
   * A 1-D array over {@code values} (not copied).
   *
   * @param values the elements; the array is read at each evaluation, so do not change it afterwards
   * @return a DOUBLE array of shape {@code (values.length,)}, which cannot be given another shape
   */
  public static LArray of(double[] values) {
    return dense(ElementType.DOUBLE, values, Shape.of(values.length));
  }

  /**
   * A 1-D LONG array over {@code values} (not copied).
   *
   * @param values the elements; the array is read at each evaluation, so do not change it afterwards
   * @return a LONG array of shape {@code (values.length,)}, which cannot be given another shape
   */
  public static LArray of(long[] values) {
    return dense(ElementType.LONG, values, Shape.of(values.length));
  }

  /**
   * A 1-D INT array over {@code values} (not copied).
   *
   * @param values the elements; the array is read at each evaluation, so do not change it afterwards
   * @return an INT array of shape {@code (values.length,)}, which cannot be given another shape
   */
  public static LArray of(int[] values) {
    return dense(ElementType.INT, values, Shape.of(values.length));
  }

  /**
   * A 1-D BOOLEAN array over {@code values} (not copied).
   *
   * @param values the elements; the array is read at each evaluation, so do not change it afterwards
   * @return a BOOLEAN array of shape {@code (values.length,)}, which cannot be given another shape
   */
  public static LArray of(boolean[] values) {
    return dense(ElementType.BOOLEAN, values, Shape.of(values.length));
  }

  /**
   * A 2-D array of the rows (copied into one row-major array; rows must have equal lengths).
   *
   * @param rows the rows, all of the same length
   * @return a DOUBLE array of shape {@code (rows.length, rows[0].length)}
   * @throws IllegalArgumentException if a row's length differs from row 0's
   */
  public static LArray of(double[][] rows) {
    return of2d(ElementType.DOUBLE, rows);
  }

  /**
   * A 2-D LONG array of the rows (copied).
   *
   * @param rows the rows, all of the same length
   * @return a LONG array of shape {@code (rows.length, rows[0].length)}
   * @throws IllegalArgumentException if a row's length differs from row 0's
   */
  public static LArray of(long[][] rows) {
    return of2d(ElementType.LONG, rows);
  }

  /**
   * A 2-D INT array of the rows (copied).
   *
   * @param rows the rows, all of the same length
   * @return an INT array of shape {@code (rows.length, rows[0].length)}
   * @throws IllegalArgumentException if a row's length differs from row 0's
   */
  public static LArray of(int[][] rows) {
    return of2d(ElementType.INT, rows);
  }

  /**
   * A 2-D BOOLEAN array of the rows (copied).
   *
   * @param rows the rows, all of the same length
   * @return a BOOLEAN array of shape {@code (rows.length, rows[0].length)}
   * @throws IllegalArgumentException if a row's length differs from row 0's
   */
  public static LArray of(boolean[][] rows) {
    return of2d(ElementType.BOOLEAN, rows);
  }

  /**
   * An array of any rank over the row-major {@code values} (not copied); the length must be the shape's size.
   *
   * @param values the elements in row-major order; do not change them afterwards
   * @param shape the shape, whose size must be {@code values.length}
   * @return a DOUBLE array with that (fixed) shape
   * @throws IllegalArgumentException if the shape's size is not {@code values.length}
   */
  public static LArray of(double[] values, Shape shape) {
    return dense(ElementType.DOUBLE, values, shape);
  }

  /**
   * A LONG array of any rank over the row-major {@code values} (not copied).
   *
   * @param values the elements in row-major order; do not change them afterwards
   * @param shape the shape, whose size must be {@code values.length}
   * @return a LONG array with that (fixed) shape
   * @throws IllegalArgumentException if the shape's size is not {@code values.length}
   */
  public static LArray of(long[] values, Shape shape) {
    return dense(ElementType.LONG, values, shape);
  }

  /**
   * An INT array of any rank over the row-major {@code values} (not copied).
   *
   * @param values the elements in row-major order; do not change them afterwards
   * @param shape the shape, whose size must be {@code values.length}
   * @return an INT array with that (fixed) shape
   * @throws IllegalArgumentException if the shape's size is not {@code values.length}
   */
  public static LArray of(int[] values, Shape shape) {
    return dense(ElementType.INT, values, shape);
  }

  /**
   * A BOOLEAN array of any rank over the row-major {@code values} (not copied).
   *
   * @param values the elements in row-major order; do not change them afterwards
   * @param shape the shape, whose size must be {@code values.length}
   * @return a BOOLEAN array with that (fixed) shape
   * @throws IllegalArgumentException if the shape's size is not {@code values.length}
   */
  public static LArray of(boolean[] values, Shape shape) {
    return dense(ElementType.BOOLEAN, values, shape);
  }

  /**
   * A lazy array over already evaluated values (not copied).
   *
   * @param values a result, for instance of an earlier evaluation
   * @return an array of the result's shape (fixed) and element type
   */
  public static LArray of(Evaluated values) {
    return dense(values.elementType(), values.storage(), values.shape());
  }

  private static LArray dense(ElementType type, Object values, Shape shape) {
    int length = Array.getLength(values);
    if (shape.size() != length) {
      throw new IllegalArgumentException(
          "array has " + length + " elements but shape " + shape + " needs " + shape.size());
    }
    return create(new Bases.Dense(type, shape, values), null);
  }

  private static LArray of2d(ElementType type, Object rows) {
    int r = Array.getLength(rows);
    int c = r == 0 ? 0 : Array.getLength(Array.get(rows, 0));
    Object flat = Evaluated.allocate(type, Math.multiplyExact(r, c));
    for (int i = 0; i < r; i++) {
      Object row = Array.get(rows, i);
      if (Array.getLength(row) != c) {
        throw new IllegalArgumentException(
            "row " + i + " has length " + Array.getLength(row) + ", expected " + c + " like row 0");
      }
      System.arraycopy(row, 0, flat, i * c, c);
    }
    return dense(type, flat, Shape.of(r, c));
  }

  // ---------------------------------------------------------------- functions of the index

  /**
   * A 1-D array of {@code n} doubles, element {@code i} being {@code f(i)}, called only when evaluated.
   *
   * @param n the length, {@code >= 0}
   * @param f the element at each index {@code i} in {@code [0, n)}; called only for the addressed elements, when the
   *     array is evaluated (by the evaluating threads)
   * @return the DOUBLE array of shape {@code (n,)}
   */
  public static LArray fromFunction(int n, IntToDoubleFunction f) {
    return create(new Bases.Function1(f), Shape.of(n));
  }

  /**
   * A 1-D array of doubles {@code f(i)}; give its shape later with {@link #withShape}.
   *
   * @param f the element at each index {@code i}, non-negative
   * @return a 1-D DOUBLE array without a shape yet
   */
  public static LArray fromFunction(IntToDoubleFunction f) {
    return create(new Bases.Function1(f), null);
  }

  /**
   * A 1-D LONG array, element {@code i} being {@code f(i)}.
   *
   * @param n the length, {@code >= 0}
   * @param f the element at each index {@code i} in {@code [0, n)}; called only for the addressed elements, when the
   *     array is evaluated (by the evaluating threads)
   * @return the LONG array of shape {@code (n,)}
   */
  public static LArray fromLongFunction(int n, IntToLongFunction f) {
    return create(new Bases.Function1(f), Shape.of(n));
  }

  /**
   * A 1-D INT array, element {@code i} being {@code f(i)}.
   *
   * @param n the length, {@code >= 0}
   * @param f the element at each index {@code i} in {@code [0, n)}; called only for the addressed elements, when the
   *     array is evaluated (by the evaluating threads)
   * @return the INT array of shape {@code (n,)}
   */
  public static LArray fromIntFunction(int n, IntUnaryOperator f) {
    return create(new Bases.Function1(f), Shape.of(n));
  }

  /**
   * A 1-D BOOLEAN array, element {@code i} being {@code p(i)}.
   *
   * @param n the length, {@code >= 0}
   * @param p the element at each index {@code i} in {@code [0, n)}; called only for the addressed elements, when the
   *     array is evaluated (by the evaluating threads)
   * @return the BOOLEAN array of shape {@code (n,)}
   */
  public static LArray fromPredicate(int n, IntPredicate p) {
    return create(new Bases.Function1(p), Shape.of(n));
  }

  /**
   * A {@code rows x cols} array of doubles, element {@code (i, j)} being {@code f(i, j)}.
   *
   * @param rows the number of rows, {@code >= 0}
   * @param cols the number of columns, {@code >= 0}
   * @param f the element at each row and column; called only for the addressed elements, when the array is evaluated
   *     (by the evaluating threads)
   * @return the DOUBLE array of shape {@code (rows, cols)}
   */
  public static LArray fromFunction(int rows, int cols, IndexFunction2 f) {
    return create(new Bases.Function2(f), Shape.of(rows, cols));
  }

  /**
   * A 2-D array of doubles {@code f(i, j)}; give its shape later.
   *
   * @param f the element at each row and column
   * @return a 2-D DOUBLE array without a shape yet; the shape given later must have rank 2
   */
  public static LArray fromFunction(IndexFunction2 f) {
    return create(new Bases.Function2(f), null);
  }

  /**
   * An array of doubles of any rank, element {@code index} being {@code f(index)}.
   *
   * @param shape the shape, of any rank
   * @param f the element at each index (one coordinate per axis); called only for the addressed elements, when the
   *     array is evaluated (by the evaluating threads)
   * @return the DOUBLE array
   */
  public static LArray fromFunction(Shape shape, IndexFunction f) {
    return create(new Bases.FunctionN(f, ElementType.DOUBLE), shape);
  }

  /**
   * A LONG array of any rank, element {@code index} being {@code f(index)}.
   *
   * @param shape the shape, of any rank
   * @param f the element at each index (one coordinate per axis); called only for the addressed elements, when the
   *     array is evaluated (by the evaluating threads)
   * @return the LONG array
   */
  public static LArray fromLongFunction(Shape shape, LongIndexFunction f) {
    return create(new Bases.FunctionN(f, ElementType.LONG), shape);
  }

  /**
   * A BOOLEAN array of any rank, element {@code index} being {@code p(index)}.
   *
   * @param shape the shape, of any rank
   * @param p the element at each index (one coordinate per axis); called only for the addressed elements, when the
   *     array is evaluated (by the evaluating threads)
   * @return the BOOLEAN array
   */
  public static LArray fromPredicate(Shape shape, IndexPredicate p) {
    return create(new Bases.FunctionN(p, ElementType.BOOLEAN), shape);
  }

  // ---------------------------------------------------------------- other bases

  /**
   * An array filled row-major from {@code values}, consumed once on the first evaluation (then shared by every
   * array derived from this one). Elements must convert to {@code type} (checked one by one). Shape given later.
   * If the first evaluation fails while reading it (too few values, a wrong element, an exception from the
   * iterator), every later evaluation fails too, with that failure as the cause: the iterator is never read on.
   *
   * @param values the elements in row-major order; it must yield at least as many as the shape's size
   * @param type the element type; every element must convert to it
   * @return an array without a shape yet
   */
  public static LArray fromIterator(Iterator<?> values, ElementType type) {
    return create(new Bases.FromIterator(values, type), null);
  }

  /**
   * Like {@link #fromIterator(Iterator, ElementType)}, with the shape.
   *
   * @param values the elements in row-major order; it must yield at least as many as the shape's size
   * @param type the element type; every element must convert to it
   * @param shape the shape
   * @return the array
   */
  public static LArray fromIterator(Iterator<?> values, ElementType type, Shape shape) {
    return create(new Bases.FromIterator(values, type), shape);
  }

  /**
   * An array of doubles drawn from a vectorised source, {@code n} values per evaluation of {@code n} elements.
   *
   * @param source asked, at each evaluation, for as many values as elements are addressed
   * @return a DOUBLE array without a shape yet
   */
  public static LArray fromVectorized(VectorizedSource source) {
    return create(new Bases.Vectorized(source), null);
  }

  /**
   * Like {@link #fromVectorized(VectorizedSource)}, with the shape.
   *
   * @param source asked, at each evaluation, for as many values as elements are addressed
   * @param shape the shape
   * @return the DOUBLE array
   */
  public static LArray fromVectorized(VectorizedSource source, Shape shape) {
    return create(new Bases.Vectorized(source), shape);
  }

  /**
   * A LONG array drawn from a vectorised source, {@code n} values per evaluation of {@code n} elements.
   *
   * @param source asked, at each evaluation, for as many values as elements are addressed
   * @param shape the shape
   * @return the LONG array
   */
  public static LArray fromLongVectorized(VectorizedSource.OfLong source, Shape shape) {
    return create(new Bases.Vectorized(source), shape);
  }

  /**
   * An INT array drawn from a vectorised source.
   *
   * @param source asked, at each evaluation, for as many values as elements are addressed
   * @param shape the shape
   * @return the INT array
   */
  public static LArray fromIntVectorized(VectorizedSource.OfInt source, Shape shape) {
    return create(new Bases.Vectorized(source), shape);
  }

  /**
   * A BOOLEAN array drawn from a vectorised source.
   *
   * @param source asked, at each evaluation, for as many values as elements are addressed
   * @param shape the shape
   * @return the BOOLEAN array
   */
  public static LArray fromBooleanVectorized(VectorizedSource.OfBoolean source, Shape shape) {
    return create(new Bases.Vectorized(source), shape);
  }

  /**
   * A 2-D array over a sparse matrix; absent elements are 0.
   *
   * @param matrix the matrix, read in place (it is immutable)
   * @return a DOUBLE array of the matrix's (fixed) shape {@code (rows, cols)}
   */
  public static LArray fromSparse(CsrMatrix matrix) {
    return fromSparse(matrix, 0.0);
  }

  /**
   * A 2-D array over a sparse matrix; absent elements are {@code emptyValue} (lazyarray's {@code empty_val}).
   *
   * @param matrix the matrix, read in place (it is immutable)
   * @param emptyValue the value of every element the matrix does not store, for instance {@code Double.NaN}
   * @return a DOUBLE array of the matrix's (fixed) shape {@code (rows, cols)}
   */
  public static LArray fromSparse(CsrMatrix matrix, double emptyValue) {
    return create(new Bases.Sparse(matrix, emptyValue), null);
  }

  /**
   * An array whose elements a user's {@link LazyBase} computes for each addressed selection.
   *
   * @param base computes the values of the addressed elements; its {@code fixedShape()}, if any, must be {@code
   *     shape}
   * @param shape the shape
   * @return an array of the base's element type
   */
  public static LArray fromLazyBase(LazyBase base, Shape shape) {
    return create(new Bases.Custom(base), shape);
  }

  /**
   * Like {@link #fromLazyBase(LazyBase, Shape)}; the shape comes from the base or later.
   *
   * @param base computes the values of the addressed elements
   * @return an array of the base's element type, with the base's fixed shape or none yet
   */
  public static LArray fromLazyBase(LazyBase base) {
    return create(new Bases.Custom(base), null);
  }

  /**
   * Like {@link #from(Object, Shape)}, shape inferred from the value or given later.
   *
   * @param value a value of any kind {@link #from(Object, Shape, ElementType)} accepts
   * @return the array
   * @throws IllegalArgumentException if the value is of no supported kind
   */
  public static LArray from(Object value) {
    return from(value, null, null);
  }

  /**
   * Like {@link #from(Object, Shape, ElementType)}, element type inferred.
   *
   * @param value a value of any kind {@link #from(Object, Shape, ElementType)} accepts
   * @param shape the shape, or null to infer it from the value or give it later
   * @return the array
   * @throws IllegalArgumentException if the value is of no supported kind, or contradicts the shape
   */
  public static LArray from(Object value, Shape shape) {
    return from(value, shape, null);
  }

  /**
   * lazyarray's constructor: a lazy array from any supported value, inferring what it can. A {@link Number} or
   * {@link Boolean} or {@link SingleElement} is a homogeneous scalar; a primitive array (any nesting), a
   * {@link Collection} or an {@link Evaluated} is dense; an {@link Iterator}; an {@code IntToDoubleFunction},
   * {@code IntToLongFunction}, {@code IntUnaryOperator}, {@code IntPredicate}, {@link IndexFunction2},
   * {@link IndexFunction}, {@link LongIndexFunction} or {@link IndexPredicate}; a {@link VectorizedSource} (or
   * one of its typed forms); a {@link CsrMatrix}; a {@link LazyBase}; another {@code LArray} (shares its base and
   * queue). An object that is a {@code LazyBase} and something else is used as a {@code LazyBase} (lazyarray's
   * precedence).
   *
   * <p>{@code shape} and {@code type} may be null; when given they are checked against what the value tells.
   * A {@code type} converts scalars, array elements and a function's results the same way: widening
   * (BOOLEAN to INT to LONG to DOUBLE) always, LONG to INT when the value fits (checked for each element, a
   * function's when it is called), DOUBLE to an integer type never. Numbers are {@code Double}, {@code Float},
   * {@code Long}, {@code Integer}, {@code Short}, {@code Byte} and a {@code BigInteger} that fits in a long;
   * {@code BigDecimal} (it would be rounded), {@code AtomicInteger} and {@code AtomicLong} (they can change
   * after the array is built) and other {@code Number}s are refused with the reason.
   *
   * @param value the base value (see above); not a {@link String}
   * @param shape the shape, or null
   * @param type the element type, or null to infer it from the value
   * @return the array
   * @throws IllegalArgumentException if the value is of no supported kind (a {@link String} for instance), or
   *     contradicts the given shape or type
   */
  public static LArray from(Object value, Shape shape, ElementType type) {
    LArray a = fromValue(value, shape, type);
    if (type != null && a.type != type) {
      throw new IllegalArgumentException(
          "value " + Elements.describe(value) + " has element type " + a.type + ", expected " + type);
    }
    return shape == null ? a : a.withShape(shape);
  }

  private static LArray fromValue(Object value, Shape shape, ElementType type) {
    if (value == null || value instanceof CharSequence) {
      throw new IllegalArgumentException("a lazy array cannot be created from " + Elements.describe(value));
    }
    if (value instanceof LArray a) {
      return a;
    }
    if (value instanceof SingleElement s) {
      return scalar(s.element(), type);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return scalar(value, type);
    }
    if (value instanceof LazyBase b) { // before the other interfaces it may also implement (lazyarray's order)
      return fromLazyBase(b);
    }
    if (value instanceof Evaluated e) {
      return of(e);
    }
    if (value.getClass().isArray() || value instanceof Collection) {
      return nested(value, type);
    }
    if (value instanceof Iterator<?> it) {
      return fromIterator(it, type == null ? ElementType.DOUBLE : type);
    }
    if (value instanceof IntToDoubleFunction || value instanceof IntToLongFunction
        || value instanceof IntUnaryOperator || value instanceof IntPredicate) {
      return create(new Bases.Function1(value, Elements.convertedFunction(value, type)), null);
    }
    if (value instanceof IndexFunction2 f) {
      Elements.checkFunctionConversion(ElementType.DOUBLE, type);
      return fromFunction(f);
    }
    if (value instanceof IndexFunction || value instanceof LongIndexFunction || value instanceof IndexPredicate) {
      if (shape == null) {
        throw new IllegalArgumentException("a function f(index) needs a shape");
      }
      ElementType t = Elements.checkFunctionConversion(Bases.FunctionN.naturalType(value), type);
      return create(new Bases.FunctionN(value, t), shape);
    }
    if (value instanceof VectorizedSource || value instanceof VectorizedSource.OfLong
        || value instanceof VectorizedSource.OfInt || value instanceof VectorizedSource.OfBoolean) {
      return create(new Bases.Vectorized(value), null);
    }
    if (value instanceof CsrMatrix m) {
      return fromSparse(m);
    }
    throw new IllegalArgumentException("a lazy array cannot be created from " + Elements.describe(value)
        + "; expected a number, boolean, array, collection, iterator, index function, vectorized source, "
        + "sparse matrix or LazyBase");
  }

  private static LArray scalar(Object element, ElementType type) {
    ElementType t = type != null ? type : Elements.typeOf(element, "scalar value");
    return switch (t) {
      case DOUBLE -> of(Elements.toDouble(element, "scalar value"));
      case LONG -> of(Elements.toLong(element, "scalar value"));
      case INT -> of(Elements.toInt(element, "scalar value"));
      case BOOLEAN -> of(Elements.toBoolean(element, "scalar value"));
    };
  }

  /** Nested arrays / collections of any rank: shape from the nesting, type from the leaves (or given). */
  private static LArray nested(Object value, ElementType type) {
    java.util.List<Integer> dims = new java.util.ArrayList<>();
    Object probe = value;
    while (probe != null && (probe.getClass().isArray() || probe instanceof Collection)) {
      List<?> items = items(probe);
      dims.add(items.size());
      probe = items.isEmpty() ? null : items.get(0);
    }
    Shape s = Shape.of(dims.stream().mapToInt(Integer::intValue).toArray());
    List<Object> leaves = new java.util.ArrayList<>();
    flatten(value, 0, s, leaves, new int[s.rank()]);
    ElementType t = type;
    if (t == null) {
      t = leaves.isEmpty() ? ElementType.DOUBLE : ElementType.BOOLEAN;
      for (int i = 0; i < leaves.size(); i++) {
        ElementType e = Elements.typeOf(leaves.get(i), "element " + i);
        t = t == ElementType.BOOLEAN ? e : e == ElementType.BOOLEAN ? t : ElementType.promote(t, e);
      }
    }
    Object flat = Evaluated.allocate(t, leaves.size());
    for (int i = 0; i < leaves.size(); i++) {
      String what = "element " + i;
      switch (t) {
        case DOUBLE -> ((double[]) flat)[i] = Elements.toDouble(leaves.get(i), what);
        case LONG -> ((long[]) flat)[i] = Elements.toLong(leaves.get(i), what);
        case INT -> ((int[]) flat)[i] = Elements.toInt(leaves.get(i), what);
        case BOOLEAN -> ((boolean[]) flat)[i] = Elements.toBoolean(leaves.get(i), what);
      }
    }
    return dense(t, flat, s);
  }

  private static List<?> items(Object o) {
    if (o instanceof Collection<?> c) {
      return List.copyOf(c);
    }
    int n = Array.getLength(o);
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      out[i] = Array.get(o, i);
    }
    return Arrays.asList(out);
  }

  private static void flatten(Object o, int axis, Shape s, List<Object> out, int[] at) {
    if (axis == s.rank()) {
      if (o != null && (o.getClass().isArray() || o instanceof Collection)) {
        throw new IllegalArgumentException("ragged nesting: element " + Arrays.toString(at) + " is a collection");
      }
      out.add(o);
      return;
    }
    if (o == null || !(o.getClass().isArray() || o instanceof Collection)) {
      throw new IllegalArgumentException("ragged nesting: expected a collection at " + Arrays.toString(
          Arrays.copyOf(at, axis)) + ", found " + Elements.describe(o));
    }
    List<?> items = items(o);
    if (items.size() != s.dim(axis)) {
      throw new IllegalArgumentException("ragged nesting: " + Arrays.toString(Arrays.copyOf(at, axis))
          + " has " + items.size() + " items, expected " + s.dim(axis));
    }
    for (int i = 0; i < items.size(); i++) {
      at[axis] = i;
      flatten(items.get(i), axis + 1, s, out, at);
    }
  }

  // ---------------------------------------------------------------- shape and type

  /**
   * True once the shape is known.
   *
   * @return true if the shape was given, or fixed by the base
   */
  public boolean hasShape() {
    return shape != null;
  }

  /**
   * The shape.
   *
   * @return the shape
   * @throws IllegalStateException if no shape was given yet
   */
  public Shape shape() {
    return requireShape("shape");
  }

  /**
   * The shape, if known.
   *
   * @return the shape, or empty if it was not given yet
   */
  public Optional<Shape> shapeIfKnown() {
    return Optional.ofNullable(shape);
  }

  /**
   * The number of elements.
   *
   * @return the product of the axis lengths
   * @throws IllegalStateException if no shape was given yet
   */
  public long size() {
    return requireShape("size").size();
  }

  /**
   * The length of the first axis.
   *
   * @return the length of axis 0
   * @throws IllegalStateException if no shape was given yet, or the array has rank 0
   */
  public int nrows() {
    Shape s = requireShape("nrows");
    if (s.rank() == 0) {
      throw new IllegalStateException("nrows: a rank-0 array has no rows");
    }
    return s.dim(0);
  }

  /**
   * The length of the second axis, or 1 for a 1-D array (as in lazyarray).
   *
   * @return the length of axis 1, or 1 for a 1-D array
   * @throws IllegalStateException if no shape was given yet
   */
  public int ncols() {
    Shape s = requireShape("ncols");
    return s.rank() > 1 ? s.dim(1) : 1;
  }

  /**
   * The element type of the result (after the queued operations).
   *
   * @return DOUBLE, LONG, INT or BOOLEAN
   */
  public ElementType elementType() {
    return type;
  }

  /**
   * True if all elements are equal: a scalar base with only scalar or homogeneous lazy operands.
   *
   * @return true if every element is known to be equal, without evaluating anything
   */
  public boolean isHomogeneous() {
    if (!base.isHomogeneous()) {
      return false;
    }
    for (Op op : ops) {
      if (op.operand() != null && !op.operand().isHomogeneous()
          || op.operand2() != null && !op.operand2().isHomogeneous()) {
        return false;
      }
    }
    return true;
  }

  /**
   * This array with the given shape, which also propagates to lazy operands without one.
   *
   * @param newShape the shape
   * @return an array with that shape, the same base and queue; this array is unchanged
   * @throws IllegalArgumentException if the base fixes another shape (a dense array, a sparse matrix), a function
   *     needs another rank, or an operand has another shape
   */
  public LArray withShape(Shape newShape) {
    if (newShape.equals(shape)) {
      return this;
    }
    base.checkShape(newShape);
    return new LArray(base, newShape, withShapeOfOperands(newShape));
  }

  /**
   * {@link #withShape(Shape)} with the axis lengths.
   *
   * @param dims the axis lengths, first axis first, each {@code >= 0}
   * @return an array with that shape, the same base and queue; this array is unchanged
   * @throws IllegalArgumentException as {@link #withShape(Shape)} does, or if a length is negative
   */
  public LArray withShape(int... dims) {
    return withShape(Shape.of(dims));
  }

  private Shape requireShape(String what) {
    if (shape == null) {
      throw new IllegalStateException(what + ": the shape of this lazy array is not specified yet (base: "
          + base.describe() + "); give one with withShape(...)");
    }
    return shape;
  }

  /**
   * The value this array was built from (lazyarray's {@code base_value}): the scalar as a {@code Double},
   * {@code Long}, {@code Integer} or {@code Boolean}; a copy of a dense array (row-major, one dimension); the
   * function, iterator, vectorised source, sparse matrix or {@link LazyBase} itself.
   *
   * @return the base value; a dense array comes back as a copy
   */
  public Object baseValue() {
    return base.value();
  }

  /**
   * The queued operations, first to last (lazyarray's {@code operations}).
   *
   * @return an unmodifiable list, empty if nothing is queued
   */
  public List<Operation> operations() {
    return Arrays.stream(ops).map(Operation::of).toList();
  }

  /**
   * lazyarray's {@code b(a)}: this array's base, a function {@code f(i)} of an index, applied to the elements of
   * {@code argument}, then this array's queued operations. The result has the argument's shape. The
   * argument's elements must be integers that fit in an int (checked as they are computed).
   *
   * <pre>{@code
   * LArray square = LArray.fromLongFunction(10, i -> (long) i * i).plus(1);
   * square.applyTo(LArray.of(new int[] {3, 4}));   // [10, 17]
   * }</pre>
   *
   * @param argument an array of integer or boolean elements, used as the indices passed to this array's function
   * @return a new array of the argument's shape
   * @throws IllegalArgumentException if this array's base is not a function f(i), or the argument's elements
   *     are DOUBLE
   */
  public LArray applyTo(LArray argument) {
    if (!(base instanceof Bases.Function1 f)) {
      throw new IllegalArgumentException("applyTo: only an array whose base is a function f(i) can be applied to"
          + " another array (lazyarray's b(a)); this array's base is a " + base.describe());
    }
    LArray composed = argument.queue(Op.compose(f, argument.type));
    for (Op op : argument.shape == null ? ops : withShapeOfOperands(argument.shape)) {
      composed = composed.queue(op);
    }
    return composed;
  }

  private Op[] withShapeOfOperands(Shape s) {
    Op[] out = ops.clone();
    for (int i = 0; i < out.length; i++) {
      LArray operand = out[i].operand();
      LArray operand2 = out[i].operand2();
      if (operand != null) {
        out[i] = out[i].withOperands(operand.withShape(s), operand2 == null ? null : operand2.withShape(s));
      }
    }
    return out;
  }

  /**
   * The items along the first axis, each evaluated when the iterator reaches it ({@code get(Index.at(i))}): the
   * elements of a 1-D array as rank-0 results, the rows of a 2-D array, and so on.
   *
   * @throws IllegalStateException if the shape is unknown or the array has rank 0
   */
  @Override
  public java.util.Iterator<Evaluated> iterator() {
    Shape s = requireShape("iterator");
    if (s.rank() == 0) {
      throw new IllegalStateException("iteration over a rank-0 array (it has one element and no first axis)");
    }
    int n = s.dim(0);
    return new java.util.Iterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        return next < n;
      }

      @Override
      public Evaluated next() {
        if (next >= n) {
          throw new java.util.NoSuchElementException("all " + n + " items of the first axis were read");
        }
        return get(Index.at(next++));
      }
    };
  }

  /**
   * Structural equality, as in lazyarray: the same base (equal scalars, equal dense arrays, the same function,
   * iterator, source or matrix), the same shape (or both unknown) and equal queued operations (equal scalars,
   * equal lazy operands, the same user functions). Nothing is evaluated.
   */
  @Override
  public boolean equals(Object o) {
    return o == this || o instanceof LArray a && a.base.equals(base) && java.util.Objects.equals(a.shape, shape)
        && Arrays.equals(a.ops, ops);
  }

  @Override
  public int hashCode() {
    return (base.hashCode() * 31 + java.util.Objects.hashCode(shape)) * 31 + Arrays.hashCode(ops);
  }

  Base base() {
    return base;
  }

  Op[] ops() {
    return ops;
  }

  LArray rebuilt(Base newBase, Op[] newOps) {
    return new LArray(newBase, shape, newOps);
  }

  // ---------------------------------------------------------------- queued operations

  /**
   * {@code this op value}; a double scalar makes integer operands DOUBLE (NumPy's NEP 50).
   *
   * @param op the operation to queue
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws IllegalArgumentException if {@code op} is {@code LDEXP} with this array as the mantissa (NumPy refuses a
   *     double exponent)
   */
  public LArray combine(BinaryOp op, double value) {
    return queue(Op.scalar(op, type, value, 0, ElementType.DOUBLE, false, false));
  }

  /**
   * {@code this op value} for a Java {@code long}: an int64 (NumPy's {@code np.int64}); an INT array becomes LONG.
   *
   * @param op the operation to queue
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws IllegalArgumentException if {@code op} is {@code POW}, this array's elements are integers or booleans and
   *     {@code value} is negative (integers to negative integer powers: NumPy refuses them too)
   */
  public LArray combine(BinaryOp op, long value) {
    return queue(Op.scalar(op, type, value, value, ElementType.LONG, false, false));
  }

  /**
   * {@code this op value} for a Java {@code int}, which adopts this array's type like a Python int in NumPy 2: an
   * INT array stays INT, a BOOLEAN one becomes LONG.
   *
   * @param op the operation to queue
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws IllegalArgumentException if {@code op} is {@code POW}, this array's elements are integers or booleans and
   *     {@code value} is negative (integers to negative integer powers: NumPy refuses them too)
   */
  public LArray combine(BinaryOp op, int value) {
    return queue(Op.scalar(op, type, value, value, ElementType.INT, true, false));
  }

  /**
   * {@code this op other}, element by element; shapes must match (checked now).
   *
   * @param op the operation to queue
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ or NumPy refuses the operation for these element types
   */
  public LArray combine(BinaryOp op, LArray other) {
    return withOperand(op, other, false);
  }

  /**
   * The reflected form {@code value op this} (Python's {@code __rsub__} and friends), e.g. {@code 3 - a}.
   *
   * @param op the operation to queue, with the operand on its left
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws IllegalArgumentException if NumPy refuses the operation for these element types (see {@link BinaryOp})
   */
  public LArray combineReversed(BinaryOp op, double value) {
    return queue(Op.scalar(op, type, value, 0, ElementType.DOUBLE, false, true));
  }

  /**
   * The reflected form {@code value op this} with a Java {@code long} (int64).
   *
   * @param op the operation to queue, with the operand on its left
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray combineReversed(BinaryOp op, long value) {
    return queue(Op.scalar(op, type, value, value, ElementType.LONG, false, true));
  }

  /**
   * The reflected form {@code value op this} with a Java {@code int} (adopts this array's type).
   *
   * @param op the operation to queue, with the operand on its left
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray combineReversed(BinaryOp op, int value) {
    return queue(Op.scalar(op, type, value, value, ElementType.INT, true, true));
  }

  /**
   * The reflected form {@code other op this}.
   *
   * @param op the operation to queue, with the operand on its left
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ or NumPy refuses the operation for these element types
   */
  public LArray combineReversed(BinaryOp op, LArray other) {
    return withOperand(op, other, true);
  }

  private LArray withOperand(BinaryOp op, LArray other, boolean reversed) {
    LArray[] pair = conformed(other, op.symbol());
    return pair[0].queue(Op.array(op, type, pair[1], reversed));
  }

  /** This array and the operand with one shape between them; a mismatch is an error now. */
  private LArray[] conformed(LArray other, String what) {
    if (other == null) {
      throw new NullPointerException("operand of " + what + " is null");
    }
    if (other.shape != null && shape != null && !other.shape.equals(shape)) {
      throw new IllegalArgumentException("shape mismatch: cannot combine an array of shape " + shape
          + " with an operand of shape " + other.shape + " (" + what + ")");
    }
    if (shape == null && other.shape != null) {
      return new LArray[] {withShape(other.shape), other};
    }
    if (shape != null && other.shape == null) {
      return new LArray[] {this, other.withShape(shape)};
    }
    return new LArray[] {this, other};
  }

  LArray queue(Op op) {
    Op[] next = Arrays.copyOf(ops, ops.length + 1);
    next[ops.length] = op;
    return new LArray(base, shape, next);
  }

  /**
   * {@code this + value}.
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray plus(double value) {
    return combine(BinaryOp.ADD, value);
  }

  /**
   * {@code this + value}; a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray plus(long value) {
    return combine(BinaryOp.ADD, value);
  }

  /**
   * {@code this + value}; a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray plus(int value) {
    return combine(BinaryOp.ADD, value);
  }

  /**
   * {@code this + other}.
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray plus(LArray other) {
    return combine(BinaryOp.ADD, other);
  }

  /**
   * {@code this - value}.
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray minus(double value) {
    return combine(BinaryOp.SUBTRACT, value);
  }

  /**
   * {@code this - value}; a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray minus(long value) {
    return combine(BinaryOp.SUBTRACT, value);
  }

  /**
   * {@code this - value}; a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray minus(int value) {
    return combine(BinaryOp.SUBTRACT, value);
  }

  /**
   * {@code this - other}.
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ or NumPy refuses the operation for these element types
   */
  public LArray minus(LArray other) {
    return combine(BinaryOp.SUBTRACT, other);
  }

  /**
   * {@code this * value}.
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray times(double value) {
    return combine(BinaryOp.MULTIPLY, value);
  }

  /**
   * {@code this * value}; a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray times(long value) {
    return combine(BinaryOp.MULTIPLY, value);
  }

  /**
   * {@code this * value}; a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray times(int value) {
    return combine(BinaryOp.MULTIPLY, value);
  }

  /**
   * {@code this * other}.
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray times(LArray other) {
    return combine(BinaryOp.MULTIPLY, other);
  }

  /**
   * {@code this / value} (true division: DOUBLE).
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray div(double value) {
    return combine(BinaryOp.DIVIDE, value);
  }

  /**
   * {@code this / value} (true division: DOUBLE); a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray div(long value) {
    return combine(BinaryOp.DIVIDE, value);
  }

  /**
   * {@code this / value} (true division: DOUBLE); a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray div(int value) {
    return combine(BinaryOp.DIVIDE, value);
  }

  /**
   * {@code this / other} (true division: DOUBLE).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray div(LArray other) {
    return combine(BinaryOp.DIVIDE, other);
  }

  /**
   * {@code this // value}: Python's floor division (integers stay integers; division by 0 gives 0 for integers, as in
   * NumPy).
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray floorDiv(double value) {
    return combine(BinaryOp.FLOOR_DIVIDE, value);
  }

  /**
   * {@code this // value}: Python's floor division (integers stay integers; division by 0 gives 0 for integers, as in
   * NumPy); a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray floorDiv(long value) {
    return combine(BinaryOp.FLOOR_DIVIDE, value);
  }

  /**
   * {@code this // value}: Python's floor division (integers stay integers; division by 0 gives 0 for integers, as in
   * NumPy); a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray floorDiv(int value) {
    return combine(BinaryOp.FLOOR_DIVIDE, value);
  }

  /**
   * {@code this // other}: Python's floor division (integers stay integers; division by 0 gives 0 for integers, as in
   * NumPy).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray floorDiv(LArray other) {
    return combine(BinaryOp.FLOOR_DIVIDE, other);
  }

  /**
   * {@code this % value}: Python's modulo, with the sign of the divisor (NumPy's {@code remainder}).
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray mod(double value) {
    return combine(BinaryOp.REMAINDER, value);
  }

  /**
   * {@code this % value}: Python's modulo, with the sign of the divisor (NumPy's {@code remainder}); a Java {@code
   * long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray mod(long value) {
    return combine(BinaryOp.REMAINDER, value);
  }

  /**
   * {@code this % value}: Python's modulo, with the sign of the divisor (NumPy's {@code remainder}); a Java {@code
   * int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray mod(int value) {
    return combine(BinaryOp.REMAINDER, value);
  }

  /**
   * {@code this % other}: Python's modulo, with the sign of the divisor (NumPy's {@code remainder}).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray mod(LArray other) {
    return combine(BinaryOp.REMAINDER, other);
  }

  /**
   * {@code this ** value}.
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray pow(double value) {
    return combine(BinaryOp.POW, value);
  }

  /**
   * {@code this ** value}; a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws IllegalArgumentException if this array is integral and the exponent negative (NumPy refuses integers to
   *     negative integer powers)
   */
  public LArray pow(long value) {
    return combine(BinaryOp.POW, value);
  }

  /**
   * {@code this ** value}; a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws IllegalArgumentException if this array is integral and the exponent negative (NumPy refuses integers to
   *     negative integer powers)
   */
  public LArray pow(int value) {
    return combine(BinaryOp.POW, value);
  }

  /**
   * {@code this ** other}.
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray pow(LArray other) {
    return combine(BinaryOp.POW, other);
  }

  /**
   * {@code value - this}.
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray rminus(double value) {
    return combineReversed(BinaryOp.SUBTRACT, value);
  }

  /**
   * {@code value - this}; a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray rminus(long value) {
    return combineReversed(BinaryOp.SUBTRACT, value);
  }

  /**
   * {@code value - this}; a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray rminus(int value) {
    return combineReversed(BinaryOp.SUBTRACT, value);
  }

  /**
   * {@code value / this}.
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray rdiv(double value) {
    return combineReversed(BinaryOp.DIVIDE, value);
  }

  /**
   * {@code value / this}; a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray rdiv(long value) {
    return combineReversed(BinaryOp.DIVIDE, value);
  }

  /**
   * {@code value / this}; a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray rdiv(int value) {
    return combineReversed(BinaryOp.DIVIDE, value);
  }

  /**
   * {@code value ** this}.
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray rpow(double value) {
    return combineReversed(BinaryOp.POW, value);
  }

  /**
   * {@code value ** this}; a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray rpow(long value) {
    return combineReversed(BinaryOp.POW, value);
  }

  /**
   * {@code value ** this}; a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray rpow(int value) {
    return combineReversed(BinaryOp.POW, value);
  }

  /**
   * {@code this < value} (BOOLEAN).
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray lt(double value) {
    return combine(BinaryOp.LT, value);
  }

  /**
   * {@code this < value} (BOOLEAN); a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray lt(long value) {
    return combine(BinaryOp.LT, value);
  }

  /**
   * {@code this < value} (BOOLEAN); a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray lt(int value) {
    return combine(BinaryOp.LT, value);
  }

  /**
   * {@code this < other} (BOOLEAN).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray lt(LArray other) {
    return combine(BinaryOp.LT, other);
  }

  /**
   * {@code this <= value} (BOOLEAN).
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray le(double value) {
    return combine(BinaryOp.LE, value);
  }

  /**
   * {@code this <= value} (BOOLEAN); a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray le(long value) {
    return combine(BinaryOp.LE, value);
  }

  /**
   * {@code this <= value} (BOOLEAN); a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray le(int value) {
    return combine(BinaryOp.LE, value);
  }

  /**
   * {@code this <= other} (BOOLEAN).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray le(LArray other) {
    return combine(BinaryOp.LE, other);
  }

  /**
   * {@code this > value} (BOOLEAN).
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray gt(double value) {
    return combine(BinaryOp.GT, value);
  }

  /**
   * {@code this > value} (BOOLEAN); a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray gt(long value) {
    return combine(BinaryOp.GT, value);
  }

  /**
   * {@code this > value} (BOOLEAN); a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray gt(int value) {
    return combine(BinaryOp.GT, value);
  }

  /**
   * {@code this > other} (BOOLEAN).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray gt(LArray other) {
    return combine(BinaryOp.GT, other);
  }

  /**
   * {@code this >= value} (BOOLEAN).
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray ge(double value) {
    return combine(BinaryOp.GE, value);
  }

  /**
   * {@code this >= value} (BOOLEAN); a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray ge(long value) {
    return combine(BinaryOp.GE, value);
  }

  /**
   * {@code this >= value} (BOOLEAN); a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray ge(int value) {
    return combine(BinaryOp.GE, value);
  }

  /**
   * {@code this >= other} (BOOLEAN).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray ge(LArray other) {
    return combine(BinaryOp.GE, other);
  }

  /**
   * {@code this == value} (BOOLEAN; integers compare exactly).
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray eq(double value) {
    return combine(BinaryOp.EQ, value);
  }

  /**
   * {@code this == value} (BOOLEAN; integers compare exactly); a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray eq(long value) {
    return combine(BinaryOp.EQ, value);
  }

  /**
   * {@code this == value} (BOOLEAN; integers compare exactly); a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray eq(int value) {
    return combine(BinaryOp.EQ, value);
  }

  /**
   * {@code this == other} (BOOLEAN; integers compare exactly).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray eq(LArray other) {
    return combine(BinaryOp.EQ, other);
  }

  /**
   * {@code this != value} (BOOLEAN).
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray ne(double value) {
    return combine(BinaryOp.NE, value);
  }

  /**
   * {@code this != value} (BOOLEAN); a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray ne(long value) {
    return combine(BinaryOp.NE, value);
  }

  /**
   * {@code this != value} (BOOLEAN); a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   */
  public LArray ne(int value) {
    return combine(BinaryOp.NE, value);
  }

  /**
   * {@code this != other} (BOOLEAN).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new BOOLEAN array with the comparison queued; this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray ne(LArray other) {
    return combine(BinaryOp.NE, other);
  }

  /**
   * {@code atan2(this, value)}.
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray atan2(double value) {
    return combine(BinaryOp.ATAN2, value);
  }

  /**
   * {@code atan2(this, value)}; a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray atan2(long value) {
    return combine(BinaryOp.ATAN2, value);
  }

  /**
   * {@code atan2(this, value)}; a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray atan2(int value) {
    return combine(BinaryOp.ATAN2, value);
  }

  /**
   * {@code atan2(this, other)}.
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray atan2(LArray other) {
    return combine(BinaryOp.ATAN2, other);
  }

  /**
   * {@code hypot(this, value)}.
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray hypot(double value) {
    return combine(BinaryOp.HYPOT, value);
  }

  /**
   * {@code hypot(this, value)}; a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray hypot(long value) {
    return combine(BinaryOp.HYPOT, value);
  }

  /**
   * {@code hypot(this, value)}; a Java {@code int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray hypot(int value) {
    return combine(BinaryOp.HYPOT, value);
  }

  /**
   * {@code hypot(this, other)}.
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray hypot(LArray other) {
    return combine(BinaryOp.HYPOT, other);
  }

  /**
   * {@code minimum(this, value)} (NaN propagates; integers stay integers).
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray min(double value) {
    return combine(BinaryOp.MIN, value);
  }

  /**
   * {@code minimum(this, value)} (NaN propagates; integers stay integers); a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray min(long value) {
    return combine(BinaryOp.MIN, value);
  }

  /**
   * {@code minimum(this, value)} (NaN propagates; integers stay integers); a Java {@code int} adopts this array's
   * type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray min(int value) {
    return combine(BinaryOp.MIN, value);
  }

  /**
   * {@code minimum(this, other)} (NaN propagates; integers stay integers).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray min(LArray other) {
    return combine(BinaryOp.MIN, other);
  }

  /**
   * {@code maximum(this, value)} (NaN propagates; integers stay integers).
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray max(double value) {
    return combine(BinaryOp.MAX, value);
  }

  /**
   * {@code maximum(this, value)} (NaN propagates; integers stay integers); a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray max(long value) {
    return combine(BinaryOp.MAX, value);
  }

  /**
   * {@code maximum(this, value)} (NaN propagates; integers stay integers); a Java {@code int} adopts this array's
   * type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray max(int value) {
    return combine(BinaryOp.MAX, value);
  }

  /**
   * {@code maximum(this, other)} (NaN propagates; integers stay integers).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray max(LArray other) {
    return combine(BinaryOp.MAX, other);
  }

  /**
   * {@code fmod(this, value)}: the remainder with the sign of this (C's fmod).
   *
   * @param value the scalar operand, a float64 like a Python float (an integer or boolean array computes in DOUBLE)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray fmod(double value) {
    return combine(BinaryOp.FMOD, value);
  }

  /**
   * {@code fmod(this, value)}: the remainder with the sign of this (C's fmod); a Java {@code long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray fmod(long value) {
    return combine(BinaryOp.FMOD, value);
  }

  /**
   * {@code fmod(this, value)}: the remainder with the sign of this (C's fmod); a Java {@code int} adopts this array's
   * type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   */
  public LArray fmod(int value) {
    return combine(BinaryOp.FMOD, value);
  }

  /**
   * {@code fmod(this, other)}: the remainder with the sign of this (C's fmod).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new array with the operation queued, its element type promoted as NumPy 2 does (see {@link BinaryOp});
   *     this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ
   */
  public LArray fmod(LArray other) {
    return combine(BinaryOp.FMOD, other);
  }

  /**
   * {@code ldexp(this, exponent)}: {@code this * 2^exponent} (DOUBLE; the exponent must be an integer); a Java {@code
   * long} is an int64.
   *
   * @param value the scalar operand, an int64 like NumPy's {@code np.int64} (an INT or BOOLEAN array computes in
   *     LONG)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray ldexp(long value) {
    return combine(BinaryOp.LDEXP, value);
  }

  /**
   * {@code ldexp(this, exponent)}: {@code this * 2^exponent} (DOUBLE; the exponent must be an integer); a Java {@code
   * int} adopts this array's type.
   *
   * @param value the scalar operand, which like a Python int adopts this array's element type (with a BOOLEAN array:
   *     LONG)
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   */
  public LArray ldexp(int value) {
    return combine(BinaryOp.LDEXP, value);
  }

  /**
   * {@code ldexp(this, other)}: {@code this * 2^exponent} (DOUBLE; the exponent must be an integer).
   *
   * @param other the operand array, of this array's shape (an operand without a shape takes this one); it is
   *     evaluated at the same address as this array
   * @return a new DOUBLE array with the operation queued; this array is unchanged
   * @throws NullPointerException if {@code other} is null
   * @throws IllegalArgumentException if the shapes differ or NumPy refuses the operation for these element types
   */
  public LArray ldexp(LArray other) {
    return combine(BinaryOp.LDEXP, other);
  }

  /**
   * {@code clip(this, lo, hi)}: {@code minimum(maximum(this, lo), hi)}, NaN propagating (NumPy's {@code clip}).
   *
   * @param lo the lower bound
   * @param hi the upper bound; when {@code lo > hi} every element becomes {@code hi}, as in NumPy
   * @return a new array with the clip queued
   */
  public LArray clip(double lo, double hi) {
    return max(lo).min(hi);
  }

  /**
   * {@code clip(this, lo, hi)} with int64 bounds.
   *
   * @param lo the lower bound
   * @param hi the upper bound; when {@code lo > hi} every element becomes {@code hi}, as in NumPy
   * @return a new array with the clip queued (an INT or BOOLEAN array computes in LONG)
   */
  public LArray clip(long lo, long hi) {
    return max(lo).min(hi);
  }

  /**
   * {@code clip(this, lo, hi)} with Java {@code int} bounds (adopting this array's type).
   *
   * @param lo the lower bound
   * @param hi the upper bound; when {@code lo > hi} every element becomes {@code hi}, as in NumPy
   * @return a new array with the clip queued, of this array's element type (BOOLEAN: LONG)
   */
  public LArray clip(int lo, int hi) {
    return max(lo).min(hi);
  }

  /**
   * {@code clip(this, lo, hi)} with array bounds, element by element.
   *
   * @param lo the lower bounds, an array of this array's shape
   * @param hi the upper bounds, an array of this array's shape
   * @return a new array with the clip queued
   * @throws IllegalArgumentException if a bound's shape differs from this array's
   */
  public LArray clip(LArray lo, LArray hi) {
    return max(lo).min(hi);
  }

  /**
   * NumPy's {@code where(condition, x, y)}: {@code x} where the condition is true (non-zero, NaN included), else
   * {@code y}; evaluated at the same address, only where needed by the block. The result type promotes x and y.
   *
   * <pre>{@code
   * LArray clipped = LArray.where(a.lt(0), LArray.of(0.0), a);   // np.where(a < 0, 0.0, a)
   * }</pre>
   *
   * @param condition where to take {@code x}; any element type, non-zero meaning true
   * @param x the elements where the condition holds, an array of the condition's shape
   * @param y the elements elsewhere, of the condition's shape
   * @return the new array, of the operands' common shape
   * @throws IllegalArgumentException if the shapes differ
   */
  public static LArray where(LArray condition, LArray x, LArray y) {
    LArray[] cx = condition.conformed(x, "where");
    LArray c = cx[0];
    LArray[] cy = c.conformed(y, "where");
    c = cy[0];
    LArray xs = c.shape != null && cx[1].shape == null ? cx[1].withShape(c.shape) : cx[1];
    return c.queue(Op.where(c.type, xs, cy[1]));
  }

  /**
   * {@code where(condition, x, y)} with a double {@code y}.
   *
   * @param condition where to take {@code x}; any element type, non-zero meaning true
   * @param x the elements where the condition holds, an array of the condition's shape
   * @param y the element elsewhere, a float64
   * @return the new array, of the operands' common shape
   * @throws IllegalArgumentException if the shapes of {@code condition} and {@code x} differ
   */
  public static LArray where(LArray condition, LArray x, double y) {
    return where(condition, x, of(y));
  }

  /**
   * {@code where(condition, x, y)} with an int64 {@code y}.
   *
   * @param condition where to take {@code x}; any element type, non-zero meaning true
   * @param x the elements where the condition holds, an array of the condition's shape
   * @param y the element elsewhere, an int64
   * @return the new array, of the operands' common shape
   * @throws IllegalArgumentException if the shapes of {@code condition} and {@code x} differ
   */
  public static LArray where(LArray condition, LArray x, long y) {
    return where(condition, x, of(y));
  }

  /**
   * {@code where(condition, x, y)} with a Java {@code int} {@code y}, which adopts x's type (BOOLEAN x: LONG).
   *
   * @param condition where to take {@code x}; any element type, non-zero meaning true
   * @param x the elements where the condition holds, an array of the condition's shape
   * @param y the element elsewhere
   * @return the new array, of the operands' common shape
   * @throws IllegalArgumentException if the shapes of {@code condition} and {@code x} differ
   */
  public static LArray where(LArray condition, LArray x, int y) {
    ElementType t = BinaryOp.domainType(x.type, ElementType.INT, true);
    return where(condition, x, t == ElementType.DOUBLE ? of((double) y) : t == ElementType.LONG ? of((long) y) : of(y));
  }

  /**
   * {@code op(this)}.
   *
   * @param op the operation to queue
   * @return a new array with {@code op} queued, of the type {@link UnaryOp} gives it; this array is unchanged
   * @throws IllegalArgumentException if NumPy refuses {@code op} for this element type ({@code negate} or {@code
   *     sign} of booleans)
   */
  public LArray map(UnaryOp op) {
    return queue(Op.unary(op, type));
  }

  /**
   * {@code -this}.
   *
   * @return a new array of this array's type with the negation queued (integers wrap)
   * @throws IllegalArgumentException if this array is BOOLEAN (NumPy refuses it too)
   */
  public LArray negate() {
    return map(UnaryOp.NEGATE);
  }

  /**
   * {@code abs(this)}.
   *
   * @return a new array of this array's type with the absolute value queued (integers wrap)
   */
  public LArray abs() {
    return map(UnaryOp.ABS);
  }

  /**
   * {@code sqrt(this)}.
   *
   * @return a new DOUBLE array with the square root queued (NaN below 0)
   */
  public LArray sqrt() {
    return map(UnaryOp.SQRT);
  }

  /**
   * {@code exp(this)}.
   *
   * @return a new DOUBLE array with {@code e^this} queued
   */
  public LArray exp() {
    return map(UnaryOp.EXP);
  }

  /**
   * {@code log(this)} (natural).
   *
   * @return a new DOUBLE array with the logarithm queued (NaN below 0, -infinity at 0)
   */
  public LArray log() {
    return map(UnaryOp.LOG);
  }

  /**
   * {@code sin(this)}.
   *
   * @return a new DOUBLE array with the sine (of radians) queued
   */
  public LArray sin() {
    return map(UnaryOp.SIN);
  }

  /**
   * {@code cos(this)}.
   *
   * @return a new DOUBLE array with the cosine (of radians) queued
   */
  public LArray cos() {
    return map(UnaryOp.COS);
  }

  /**
   * {@code log2(this)}, exact for powers of two.
   *
   * @return a new DOUBLE array with the base-2 logarithm queued
   */
  public LArray log2() {
    return map(UnaryOp.LOG2);
  }

  /**
   * {@code 2 ** this}.
   *
   * @return a new DOUBLE array with {@code 2^this} queued
   */
  public LArray exp2() {
    return map(UnaryOp.EXP2);
  }

  /**
   * {@code isnan(this)} (BOOLEAN; always false for integers).
   *
   * @return a new BOOLEAN array with the test queued
   */
  public LArray isnan() {
    return map(UnaryOp.ISNAN);
  }

  /**
   * {@code isinf(this)} (BOOLEAN).
   *
   * @return a new BOOLEAN array with the test queued
   */
  public LArray isinf() {
    return map(UnaryOp.ISINF);
  }

  /**
   * {@code isfinite(this)} (BOOLEAN).
   *
   * @return a new BOOLEAN array with the test queued
   */
  public LArray isfinite() {
    return map(UnaryOp.ISFINITE);
  }

  /**
   * {@code f(this)} element by element, for a user function: f receives each element as a double (integers
   * converted, booleans as 0 and 1) and the result is DOUBLE.
   *
   * @param f the function, called only for the addressed elements, from whichever threads evaluate
   * @return a new DOUBLE array with {@code f} queued
   * @throws NullPointerException if {@code f} is null
   */
  public LArray apply(DoubleUnaryOperator f) {
    if (f == null) {
      throw new NullPointerException("function f is null");
    }
    return queue(Op.function(f, type));
  }

  // ---------------------------------------------------------------- evaluation

  /**
   * Evaluates every element (one fused pass; a homogeneous array computes one element and repeats it).
   *
   * @return every element, in row-major order, with this array's shape and element type
   * @throws IllegalStateException if no shape was given yet
   */
  public Evaluated evaluate() {
    return Evaluation.evaluate(this, Selection.whole(requireShape("evaluate")), null, 1);
  }

  /**
   * lazyarray's {@code evaluate(simplify=True)}: a homogeneous array comes back as its single value (a rank-0
   * result), computed once; any other array is evaluated in full.
   *
   * @return a rank-0 result for a homogeneous array, else every element
   * @throws IllegalStateException if no shape was given yet
   */
  public Evaluated evaluateSimplified() {
    Shape s = requireShape("evaluate");
    if (isHomogeneous() && s.size() > 0) {
      return Evaluation.evaluate(this, Selection.resolve(Address.at(new int[s.rank()]), s), null, 1);
    }
    return evaluate();
  }

  /**
   * Evaluates every element in disjoint chunks of whole blocks, at most {@code parallelism} of them, on
   * {@code executor}; the result equals {@link #evaluate()}.
   *
   * @param executor runs the chunks; the calling thread waits for them (if it refuses one, its exception is thrown
   *     once the chunks it took are over)
   * @param parallelism the largest number of chunks, {@code >= 1}
   * @return every element, as {@link #evaluate()} gives them
   * @throws IllegalArgumentException if {@code parallelism < 1}
   * @throws IllegalStateException if no shape was given yet
   */
  public Evaluated evaluate(Executor executor, int parallelism) {
    return get(Address.all(), executor, parallelism);
  }

  /**
   * Evaluates the addressed elements (NumPy's rules); only those are computed.
   *
   * @param address the elements to compute
   * @return the addressed elements, with the shape NumPy gives {@code a[address]}
   * @throws IllegalStateException if no shape was given yet
   * @throws IndexOutOfBoundsException if an index is outside its axis
   * @throws IllegalArgumentException if the address does not fit the shape (see {@link Selection#resolve})
   */
  public Evaluated get(Address address) {
    return Evaluation.evaluate(this, Selection.resolve(address, requireShape("get")), null, 1);
  }

  /**
   * Evaluates the addressed elements in parallel chunks on {@code executor}.
   *
   * @param address the elements to compute
   * @param executor runs the chunks; the calling thread waits for them (if it refuses one, its exception is thrown
   *     once the chunks it took are over)
   * @param parallelism the largest number of chunks, {@code >= 1}
   * @return the addressed elements, as {@link #get(Address)} gives them
   * @throws IllegalArgumentException if {@code parallelism < 1} or the address does not fit the shape
   * @throws IllegalStateException if no shape was given yet
   */
  public Evaluated get(Address address, Executor executor, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, was " + parallelism);
    }
    return Evaluation.evaluate(this, Selection.resolve(address, requireShape("get")), executor, parallelism);
  }

  /**
   * {@code get(Address.of(components))}.
   *
   * @param components the index along each axis, first axis first
   * @return the addressed elements, as {@link #get(Address)} gives them
   */
  public Evaluated get(Index... components) {
    return get(Address.of(components));
  }

  /**
   * {@code get(Address.parse(numpyAddress))}, e.g. {@code a.get("1:-1, ::2")}.
   *
   * @param numpyAddress the address in NumPy notation, without brackets (see {@link Address#parse})
   * @return the addressed elements, as {@link #get(Address)} gives them
   */
  public Evaluated get(String numpyAddress) {
    return get(Address.parse(numpyAddress));
  }

  /**
   * One element, as a double; one index per axis, negative counting from the end. O(1).
   *
   * @param index one position per axis, each in {@code [-dim, dim)}
   * @return the element, converted to double (booleans are 0 and 1)
   * @throws IllegalArgumentException if the number of indices is not the rank
   * @throws IndexOutOfBoundsException if an index is outside its axis
   */
  public double getDouble(int... index) {
    return one(index).valueAsDouble(0);
  }

  /**
   * One element of an integral or boolean array, as a long.
   *
   * @param index one position per axis, each in {@code [-dim, dim)}
   * @return the element (a boolean as 0 or 1)
   * @throws IllegalStateException if the elements are DOUBLE
   * @throws IndexOutOfBoundsException if an index is outside its axis
   */
  public long getLong(int... index) {
    if (type == ElementType.DOUBLE) {
      throw new IllegalStateException("elements are DOUBLE; use getDouble");
    }
    return one(index).l[0];
  }

  /**
   * One element of a BOOLEAN array.
   *
   * @param index one position per axis, each in {@code [-dim, dim)}
   * @return the element
   * @throws IllegalStateException if the elements are not BOOLEAN
   * @throws IndexOutOfBoundsException if an index is outside its axis
   */
  public boolean getBoolean(int... index) {
    if (type != ElementType.BOOLEAN) {
      throw new IllegalStateException("elements are " + type + ", not BOOLEAN");
    }
    return one(index).l[0] != 0;
  }

  private Kernel one(int[] index) {
    Shape s = requireShape("get");
    if (index.length != s.rank()) {
      throw new IllegalArgumentException(
          "expected one index per axis (" + s.rank() + " for shape " + s + "), got " + index.length);
    }
    return Evaluation.evaluateOne(this, Selection.resolve(Address.at(index), s));
  }

  @Override
  public String toString() {
    return "LArray[" + base.describe() + ", shape=" + (shape == null ? "unknown" : shape) + ", type=" + type
        + ", ops=" + Arrays.toString(ops) + "]";
  }
}
