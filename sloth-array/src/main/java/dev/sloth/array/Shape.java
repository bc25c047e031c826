package dev.sloth.array;

import java.util.Arrays;

/**
 * The shape of an array: the length of each axis, as in NumPy. Rank 0 is a single element.
 *
 * <pre>{@code
 * Shape s = Shape.of(4, 3);
 * s.rank();      // 2
 * s.size();      // 12
 * s.dim(1);      // 3
 * s.toString();  // "(4, 3)"
 * }</pre>
 */
public final class Shape {
  private static final Shape SCALAR = new Shape(new int[0]);

  private final int[] dims;
  private final long size;

  private Shape(int[] dims) {
    this.dims = dims;
    long n = 1;
    for (int d : dims) {
      if (d == 0) {
        n = 0; // a zero axis makes the size 0 whatever the other axes, in any order
        break;
      }
    }
    for (int i = 0; i < dims.length && n != 0; i++) {
      long next = n * dims[i];
      if (next / dims[i] != n) {
        throw new IllegalArgumentException("shape " + this + " has more than 2^63 - 1 elements (the size of an"
            + " array must fit in a long)");
      }
      n = next;
    }
    this.size = n;
  }

  /**
   * A shape with the given axis lengths (none: a single element); each must be {@code >= 0}, and their product
   * must fit in a {@code long}.
   *
   * @param dims the axis lengths, first axis first
   * @return the shape
   * @throws IllegalArgumentException if a length is negative or the size overflows a {@code long}
   */
  public static Shape of(int... dims) {
    if (dims.length == 0) {
      return SCALAR;
    }
    for (int i = 0; i < dims.length; i++) {
      if (dims[i] < 0) {
        throw new IllegalArgumentException(
            "axis " + i + " of shape " + Arrays.toString(dims) + " has negative length " + dims[i]);
      }
    }
    return new Shape(dims.clone());
  }

  /**
   * The shape of a single element (rank 0).
   *
   * @return the rank-0 shape, of size 1
   */
  public static Shape scalar() {
    return SCALAR;
  }

  static Shape wrap(int[] dims) {
    return dims.length == 0 ? SCALAR : new Shape(dims);
  }

  /**
   * The number of axes.
   *
   * @return the rank, {@code >= 0}
   */
  public int rank() {
    return dims.length;
  }

  /**
   * The length of axis {@code axis}.
   *
   * @param axis the axis, in {@code [0, rank())}
   * @return the number of positions along that axis, {@code >= 0}
   * @throws IndexOutOfBoundsException if the axis does not exist
   */
  public int dim(int axis) {
    if (axis < 0 || axis >= dims.length) {
      throw new IndexOutOfBoundsException("axis " + axis + " does not exist in shape " + this);
    }
    return dims[axis];
  }

  /**
   * The number of elements: the product of the axis lengths (1 for rank 0).
   *
   * @return the size
   */
  public long size() {
    return size;
  }

  /**
   * The axis lengths, as a fresh array.
   *
   * @return the lengths, first axis first
   */
  public int[] toArray() {
    return dims.clone();
  }

  int[] dims() {
    return dims;
  }

  /** Row-major strides (in elements) of a dense array of this shape. */
  long[] strides() {
    long[] s = new long[dims.length];
    long acc = 1;
    for (int a = dims.length - 1; a >= 0; a--) {
      s[a] = acc;
      acc *= dims[a];
    }
    return s;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Shape s && Arrays.equals(dims, s.dims);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(dims);
  }

  /** NumPy's notation: {@code ()}, {@code (5,)}, {@code (4, 3)}. */
  @Override
  public String toString() {
    if (dims.length == 1) {
      return "(" + dims[0] + ",)";
    }
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < dims.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(dims[i]);
    }
    return sb.append(')').toString();
  }
}
