package dev.sloth.array;

import java.util.Arrays;

/**
 * The values of an evaluated (part of a) lazy array: a shape, an element type and dense row-major primitive
 * storage. Immutable: accessors copy.
 *
 * <pre>{@code
 * Evaluated e = LArray.fromFunction(3, 4, (i, j) -> 10 * i + j).get(Address.parse("1:, ::2"));
 * e.shape();                 // (2, 2)
 * e.getDouble(1, 0);         // 20.0
 * e.toDoubleArray();         // [10.0, 12.0, 20.0, 22.0]
 * }</pre>
 */
public final class Evaluated {
  private final Shape shape;
  private final ElementType type;
  // double[], long[], int[] or boolean[] of shape.size() elements, row-major; or, for a result evaluated in
  // parallel, null, the values being in chunks of chunkSize elements (the last one shorter), each allocated (and
  // zeroed) by the thread that computed it, so that zeroing the result is parallel too. A chunked result is
  // assembled into one array only when something needs one (storage()); a race assembles equal arrays.
  private final Object storage;
  private final Object[] chunks;
  private final int chunkSize;
  private volatile Object assembled;

  Evaluated(Shape shape, ElementType type, Object storage) {
    this.shape = shape;
    this.type = type;
    this.storage = storage;
    this.chunks = null;
    this.chunkSize = 0;
  }

  /** A result in chunks (parallel evaluation); the chunks are published by the caller's join. */
  Evaluated(Shape shape, ElementType type, Object[] chunks, int chunkSize) {
    this.shape = shape;
    this.type = type;
    this.storage = null;
    this.chunks = chunks;
    this.chunkSize = chunkSize;
  }

  /**
   * Wraps a copy of {@code values} (row-major) with the given shape.
   *
   * @param shape the shape; its size must equal {@code values.length}
   * @param values the elements in row-major order
   * @return the DOUBLE result
   */
  public static Evaluated of(Shape shape, double[] values) {
    return new Evaluated(shape, ElementType.DOUBLE, checked(shape, values.clone(), values.length));
  }

  /**
   * Wraps a copy of {@code values} (row-major) with the given shape.
   *
   * @param shape the shape; its size must equal {@code values.length}
   * @param values the elements in row-major order
   * @return the LONG result
   */
  public static Evaluated of(Shape shape, long[] values) {
    return new Evaluated(shape, ElementType.LONG, checked(shape, values.clone(), values.length));
  }

  /**
   * Wraps a copy of {@code values} (row-major) with the given shape.
   *
   * @param shape the shape; its size must equal {@code values.length}
   * @param values the elements in row-major order
   * @return the INT result
   */
  public static Evaluated of(Shape shape, int[] values) {
    return new Evaluated(shape, ElementType.INT, checked(shape, values.clone(), values.length));
  }

  /**
   * Wraps a copy of {@code values} (row-major) with the given shape.
   *
   * @param shape the shape; its size must equal {@code values.length}
   * @param values the elements in row-major order
   * @return the BOOLEAN result
   */
  public static Evaluated of(Shape shape, boolean[] values) {
    return new Evaluated(shape, ElementType.BOOLEAN, checked(shape, values.clone(), values.length));
  }

  private static Object checked(Shape shape, Object storage, int length) {
    if (shape.size() != length) {
      throw new IllegalArgumentException(
          "shape " + shape + " needs " + shape.size() + " values, got " + length);
    }
    return storage;
  }

  static Object allocate(ElementType type, int n) {
    return switch (type) {
      case DOUBLE -> new double[n];
      case LONG -> new long[n];
      case INT -> new int[n];
      case BOOLEAN -> new boolean[n];
    };
  }

  /** The row-major values (assembled from the chunks on first need). */
  Object storage() {
    if (chunks == null) {
      return storage;
    }
    Object s = assembled;
    if (s == null) {
      s = copyFlat();
      assembled = s;
    }
    return s;
  }

  /** A new row-major array of the values. */
  private Object copyFlat() {
    if (chunks == null) {
      return switch (type) {
        case DOUBLE -> ((double[]) storage).clone();
        case LONG -> ((long[]) storage).clone();
        case INT -> ((int[]) storage).clone();
        case BOOLEAN -> ((boolean[]) storage).clone();
      };
    }
    Object out = allocate(type, size());
    for (int c = 0; c < chunks.length; c++) {
      System.arraycopy(chunks[c], 0, out, c * chunkSize, java.lang.reflect.Array.getLength(chunks[c]));
    }
    return out;
  }

  /** The array holding element i (flat index), and i's place in it: {@code at(i)[offset(i)]}. */
  private Object at(int i) {
    return chunks == null ? storage : chunks[i / chunkSize];
  }

  private int offset(int i) {
    return chunks == null ? i : i % chunkSize;
  }

  /**
   * The shape.
   *
   * @return the shape of these values
   */
  public Shape shape() {
    return shape;
  }

  /**
   * The element type of the storage.
   *
   * @return the element type: DOUBLE, LONG, INT or BOOLEAN
   */
  public ElementType elementType() {
    return type;
  }

  /**
   * The number of elements.
   *
   * @return the number of elements, the product of the shape's axis lengths
   */
  public int size() {
    return (int) shape.size();
  }

  /**
   * The rank (number of axes); 0 for a single element.
   *
   * @return the number of axes, {@code >= 0}
   */
  public int rank() {
    return shape.rank();
  }

  /**
   * The element at {@code index} (one non-negative index per axis), as a double.
   *
   * @param index one coordinate per axis, each in {@code [0, dim)}
   * @return the element converted to double (booleans are 0 and 1)
   */
  public double getDouble(int... index) {
    return doubleAt(flat(index));
  }

  /**
   * The element at {@code index}, as a long; a double element must be an integer within the range of a long.
   *
   * @param index one coordinate per axis, each in {@code [0, dim)}
   * @return the element as a long
   * @throws IllegalStateException if a double element is not an integer or does not fit in a long
   */
  public long getLong(int... index) {
    return longAt(flat(index));
  }

  /**
   * The element at {@code index}, which must be boolean.
   *
   * @param index one coordinate per axis, each in {@code [0, dim)}
   * @return the element
   * @throws IllegalStateException if the element type is not BOOLEAN
   */
  public boolean getBoolean(int... index) {
    if (type != ElementType.BOOLEAN) {
      throw new IllegalStateException("elements are " + type + ", not BOOLEAN");
    }
    int i = flat(index);
    return ((boolean[]) at(i))[offset(i)];
  }

  /**
   * The only element of a single-element result (for example a rank-0 result), as a double.
   *
   * @return the element as a double
   */
  public double doubleValue() {
    requireSingle();
    return doubleAt(0);
  }

  /**
   * The only element of a single-element result, as a long.
   *
   * @return the element as a long
   */
  public long longValue() {
    requireSingle();
    return longAt(0);
  }

  /**
   * The only element of a single-element boolean result.
   *
   * @return the element
   */
  public boolean booleanValue() {
    requireSingle();
    return getBoolean(new int[shape.rank()]);
  }

  private void requireSingle() {
    if (shape.size() != 1) {
      throw new IllegalStateException("result of shape " + shape + " has " + shape.size() + " elements, not 1");
    }
  }

  double doubleAt(int i) {
    Object a = at(i);
    int j = offset(i);
    return switch (type) {
      case DOUBLE -> ((double[]) a)[j];
      case LONG -> ((long[]) a)[j];
      case INT -> ((int[]) a)[j];
      case BOOLEAN -> ((boolean[]) a)[j] ? 1 : 0;
    };
  }

  long longAt(int i) {
    Object a = at(i);
    int j = offset(i);
    return switch (type) {
      case DOUBLE -> {
        double d = ((double[]) a)[j];
        if (d != Math.rint(d) || Double.isInfinite(d)) {
          throw new IllegalStateException("element " + i + " is " + d + ", not an integer");
        }
        if (d < -0x1p63 || d >= 0x1p63) { // (long) d would saturate
          throw new IllegalStateException("element " + i + " is " + d + ", which does not fit in a long");
        }
        yield (long) d;
      }
      case LONG -> ((long[]) a)[j];
      case INT -> ((int[]) a)[j];
      case BOOLEAN -> ((boolean[]) a)[j] ? 1 : 0;
    };
  }

  private int flat(int[] index) {
    int[] dims = shape.dims();
    if (index.length != dims.length) {
      throw new IllegalArgumentException(
          "expected " + dims.length + " indices for shape " + shape + ", got " + index.length);
    }
    int f = 0;
    for (int a = 0; a < dims.length; a++) {
      if (index[a] < 0 || index[a] >= dims[a]) {
        throw new IndexOutOfBoundsException(
            "index " + index[a] + " is out of bounds for axis " + a + " with size " + dims[a]);
      }
      f = f * dims[a] + index[a];
    }
    return f;
  }

  /**
   * The addressed part of these values, with NumPy's rules ({@link Address}); a new result, these values are
   * unchanged. {@code e.get("[1, 3], :").get(":, [0, 2]")} is NumPy's {@code b[(1, 3), :][:, (0, 2)]}.
   *
   * @param address the elements to take, resolved against {@link #shape()}
   * @return the selected elements, copied, with the shape NumPy gives that address
   */
  public Evaluated get(Address address) {
    return LArray.of(this).get(address);
  }

  /**
   * {@code get(Address.parse(numpyAddress))}.
   *
   * @param numpyAddress the address in NumPy notation, without brackets (see {@link Address#parse})
   * @return the selected elements, as {@link #get(Address)} gives them
   */
  public Evaluated get(String numpyAddress) {
    return get(Address.parse(numpyAddress));
  }

  /**
   * {@code get(Address.of(components))}.
   *
   * @param components the index along each axis, first axis first
   * @return the selected elements, as {@link #get(Address)} gives them
   */
  public Evaluated get(Index... components) {
    return get(Address.of(components));
  }

  /**
   * All elements in row-major order, converted to double.
   *
   * @return a fresh array of {@link #size()} doubles
   */
  public double[] toDoubleArray() {
    if (type == ElementType.DOUBLE) {
      return (double[]) copyFlat();
    }
    double[] out = new double[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = doubleAt(i);
    }
    return out;
  }

  /**
   * All elements in row-major order as longs (double elements must be integers within the range of a long).
   *
   * @return a fresh array of {@link #size()} longs
   * @throws IllegalStateException if a double element is not an integer or does not fit in a long
   */
  public long[] toLongArray() {
    if (type == ElementType.LONG) {
      return (long[]) copyFlat();
    }
    long[] out = new long[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = longAt(i);
    }
    return out;
  }

  /**
   * All elements in row-major order as ints; the type must be INT or BOOLEAN.
   *
   * @return a fresh array of {@link #size()} ints (booleans are 0 and 1)
   */
  public int[] toIntArray() {
    if (type == ElementType.INT) {
      return (int[]) copyFlat();
    }
    if (type != ElementType.BOOLEAN) {
      throw new IllegalStateException("elements are " + type + "; use toLongArray() or toDoubleArray()");
    }
    int[] out = new int[size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) longAt(i);
    }
    return out;
  }

  /**
   * All elements in row-major order; the type must be BOOLEAN.
   *
   * @return a fresh array of {@link #size()} booleans
   */
  public boolean[] toBooleanArray() {
    if (type != ElementType.BOOLEAN) {
      throw new IllegalStateException("elements are " + type + ", not BOOLEAN");
    }
    return (boolean[]) copyFlat();
  }

  /**
   * A 2-D result as rows of doubles.
   *
   * @return fresh arrays, one per row, each of {@code shape().dim(1)} doubles
   */
  public double[][] toDoubleMatrix() {
    if (shape.rank() != 2) {
      throw new IllegalStateException("toDoubleMatrix needs rank 2, shape is " + shape);
    }
    int rows = shape.dim(0);
    int cols = shape.dim(1);
    double[][] out = new double[rows][cols];
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        out[i][j] = doubleAt(i * cols + j);
      }
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Evaluated e) || !shape.equals(e.shape) || type != e.type) {
      return false;
    }
    Object mine = storage();
    Object theirs = e.storage();
    return switch (type) {
      case DOUBLE -> Arrays.equals((double[]) mine, (double[]) theirs);
      case LONG -> Arrays.equals((long[]) mine, (long[]) theirs);
      case INT -> Arrays.equals((int[]) mine, (int[]) theirs);
      case BOOLEAN -> Arrays.equals((boolean[]) mine, (boolean[]) theirs);
    };
  }

  @Override
  public int hashCode() {
    int h = shape.hashCode() * 31 + type.hashCode();
    Object mine = storage();
    return h * 31 + switch (type) {
      case DOUBLE -> Arrays.hashCode((double[]) mine);
      case LONG -> Arrays.hashCode((long[]) mine);
      case INT -> Arrays.hashCode((int[]) mine);
      case BOOLEAN -> Arrays.hashCode((boolean[]) mine);
    };
  }

  /** NumPy-like nested brackets, e.g. {@code [[1.0, 2.0], [3.0, 4.0]]}; a rank-0 result prints its value. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (size() > 1000) {
      return "Evaluated[shape=" + shape + ", type=" + type + ", " + size() + " elements]";
    }
    append(sb, 0, 0);
    return sb.toString();
  }

  private int append(StringBuilder sb, int axis, int flat) {
    int[] dims = shape.dims();
    if (axis == dims.length) {
      Object a = at(flat);
      int j = offset(flat);
      sb.append(switch (type) {
        case DOUBLE -> Double.toString(((double[]) a)[j]);
        case LONG -> Long.toString(((long[]) a)[j]);
        case INT -> Integer.toString(((int[]) a)[j]);
        case BOOLEAN -> ((boolean[]) a)[j] ? "True" : "False";
      });
      return flat + 1;
    }
    sb.append('[');
    for (int i = 0; i < dims[axis]; i++) {
      sb.append(i == 0 ? "" : ", ");
      flat = append(sb, axis + 1, flat);
    }
    sb.append(']');
    return flat;
  }
}
