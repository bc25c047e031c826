package dev.sloth.array;

import java.util.Arrays;

/**
 * One component of an {@link Address}: what to take along one axis (or, for a mask of rank k, along k axes).
 * The forms and their meaning are NumPy's:
 *
 * <ul>
 *   <li>{@link #at(int)}: one position; negative counts from the end; the axis disappears from the result.
 *   <li>{@link #slice(Integer, Integer, Integer)} and friends: {@code start:stop:step}; negative bounds count from the end,
 *       bounds past the ends are clipped, a negative step walks backwards, {@code null} bounds are the ends.
 *   <li>{@link #list(int...)}: an integer array; combined with the other integer arrays of the address
 *       pointwise (NumPy's advanced indexing), not as an outer product.
 *   <li>{@link #list(int[][])}, {@link #array(int[], Shape)}: integer arrays of more axes; all the integer arrays
 *       of an address are broadcast together and their shape is the shape of that part of the result.
 *   <li>{@link #mask(boolean...)}: a boolean mask along an axis, the same as the list of its true positions;
 *       {@link #mask(boolean[][])} covers two axes. An empty mask selects nothing (NumPy 2 accepts a size-0
 *       index whatever the axis length).
 *   <li>{@link #ellipsis()} ({@code ...}): as many full slices as needed to index every axis; at most one.
 *   <li>{@link #newAxis()} ({@code None}, {@code np.newaxis}): a new result axis of length 1.
 * </ul>
 *
 * <pre>{@code
 * a.get(Index.slice(-3, null, null));            // a[-3:]
 * a.get(Index.all(), Index.slice(null, null, -1)); // a[:, ::-1]
 * a.get(Index.list(0, 2), Index.at(-1));           // a[[0, 2], -1]
 * a.get(Index.mask(true, false, true));            // a[[True, False, True]]
 * }</pre>
 */
public final class Index {
  enum Kind { INT, SLICE, LIST, MASK, ELLIPSIS, NEWAXIS }

  private static final Index ALL = new Index(Kind.SLICE, 0, null, null, 1, null, null, null);
  private static final Index ELLIPSIS = new Index(Kind.ELLIPSIS, 0, null, null, 1, null, null, null);
  private static final Index NEWAXIS = new Index(Kind.NEWAXIS, 0, null, null, 1, null, null, null);

  final Kind kind;
  final int value;
  final Integer start;
  final Integer stop;
  final int step;
  final int[] list; // row-major
  final boolean[] mask; // row-major
  final int[] maskShape; // the shape of the list or of the mask

  private Index(Kind kind, int value, Integer start, Integer stop, int step, int[] list, boolean[] mask,
      int[] maskShape) {
    this.kind = kind;
    this.value = value;
    this.start = start;
    this.stop = stop;
    this.step = step;
    this.list = list;
    this.mask = mask;
    this.maskShape = maskShape;
  }

  /**
   * One position along the axis ({@code a[i]}); negative counts from the end.
   *
   * @param index the position, in {@code [-dim, dim)}; the axis disappears from the result
   * @return the index
   */
  public static Index at(int index) {
    return new Index(Kind.INT, index, null, null, 1, null, null, null);
  }

  /**
   * The whole axis ({@code a[:]}).
   *
   * @return the full slice {@code :}
   */
  public static Index all() {
    return ALL;
  }

  /**
   * {@code a[start:stop]}.
   *
   * @param start the first position taken, negative counting from the end; clipped to the axis like Python's
   * @param stop the position after the last one taken, negative counting from the end; clipped to the axis
   * @return the slice with step 1
   */
  public static Index slice(int start, int stop) {
    return slice(Integer.valueOf(start), Integer.valueOf(stop), null);
  }

  /**
   * {@code a[start:stop:step]} where any part may be {@code null} (Python's omitted part): a {@code null} step
   * is 1, {@code null} bounds are the ends in the direction of the step. The step must not be 0.
   *
   * @param start the first position taken, or {@code null}
   * @param stop the position where the slice stops (exclusive), or {@code null}
   * @param step the distance between taken positions, negative to walk backwards, or {@code null} for 1
   * @return the slice
   * @throws IllegalArgumentException if {@code step} is 0
   */
  public static Index slice(Integer start, Integer stop, Integer step) {
    int s = step == null ? 1 : step;
    if (s == 0) {
      throw new IllegalArgumentException("slice step cannot be zero (slice " + start + ":" + stop + ":0)");
    }
    return new Index(Kind.SLICE, 0, start, stop, s, null, null, null);
  }

  /**
   * {@code a[start:]}.
   *
   * @param start the first position taken, negative counting from the end
   * @return the slice from {@code start} to the end of the axis
   */
  public static Index from(int start) {
    return slice(start, null, null);
  }

  /**
   * {@code a[:stop]}.
   *
   * @param stop the position after the last one taken, negative counting from the end
   * @return the slice from the start of the axis to {@code stop}
   */
  public static Index to(int stop) {
    return slice(null, stop, null);
  }

  /**
   * {@code a[::step]}, e.g. {@code every(-1)} reverses the axis.
   *
   * @param step the distance between taken positions, not 0; negative starts from the end
   * @return the slice over the whole axis with that step
   */
  public static Index every(int step) {
    return slice(null, null, step);
  }

  /**
   * An integer-array index {@code a[[i, j, ...]]}; negative entries count from the end.
   *
   * @param indices the positions to take, in order, repeats allowed, each in {@code [-dim, dim)}
   * @return the integer-array index; the result axis has {@code indices.length} elements
   */
  public static Index list(int... indices) {
    return new Index(Kind.LIST, 0, null, null, 1, indices.clone(), null, new int[] {indices.length});
  }

  /**
   * A 2-D integer-array index {@code a[[[0, 1], [2, 3]]]} (rows of equal length).
   *
   * @param rows the positions, as rows of equal length
   * @return the integer-array index of shape {@code (rows.length, rows[0].length)}
   * @throws IllegalArgumentException if the rows have different lengths
   */
  public static Index list(int[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    int[] flat = new int[Math.multiplyExact(rows.length, cols)];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != cols) {
        throw new IllegalArgumentException(
            "index row " + i + " has length " + rows[i].length + ", expected " + cols + " like row 0");
      }
      System.arraycopy(rows[i], 0, flat, i * cols, cols);
    }
    return new Index(Kind.LIST, 0, null, null, 1, flat, null, new int[] {rows.length, cols});
  }

  /**
   * An integer-array index of any shape, given flat in row-major order.
   *
   * @param flat the positions, row-major
   * @param shape the shape of the index array; its size must equal {@code flat.length}
   * @return the integer-array index
   * @throws IllegalArgumentException if the shape's size is not {@code flat.length}
   */
  public static Index array(int[] flat, Shape shape) {
    if (shape.size() != flat.length) {
      throw new IllegalArgumentException(
          "index array has " + flat.length + " elements but shape " + shape + " needs " + shape.size());
    }
    return new Index(Kind.LIST, 0, null, null, 1, flat.clone(), null, shape.toArray());
  }

  /**
   * NumPy's {@code ...}: full slices for every axis the other components leave.
   *
   * @return the ellipsis; an address may hold at most one
   */
  public static Index ellipsis() {
    return ELLIPSIS;
  }

  /**
   * NumPy's {@code None} ({@code np.newaxis}): inserts a result axis of length 1.
   *
   * @return the new-axis component
   */
  public static Index newAxis() {
    return NEWAXIS;
  }

  /**
   * A boolean mask along one axis; its length must equal the axis length.
   *
   * @param mask true for each position to take
   * @return the mask index; the result axis has as many elements as {@code mask} has true entries
   */
  public static Index mask(boolean... mask) {
    return new Index(Kind.MASK, 0, null, null, 1, null, mask.clone(), new int[] {mask.length});
  }

  /**
   * A boolean mask over two axes (e.g. the whole of a 2-D array); selects the true cells in row-major order.
   *
   * @param mask the rows of the mask, of equal length, covering two axes
   * @return the mask index
   * @throws IllegalArgumentException if the rows have different lengths
   */
  public static Index mask(boolean[][] mask) {
    int cols = mask.length == 0 ? 0 : mask[0].length;
    boolean[] flat = new boolean[mask.length * cols];
    for (int i = 0; i < mask.length; i++) {
      if (mask[i].length != cols) {
        throw new IllegalArgumentException(
            "mask row " + i + " has length " + mask[i].length + ", expected " + cols + " like row 0");
      }
      System.arraycopy(mask[i], 0, flat, i * cols, cols);
    }
    return new Index(Kind.MASK, 0, null, null, 1, null, flat, new int[] {mask.length, cols});
  }

  /**
   * A boolean mask of any rank, given flat in row-major order with its shape.
   *
   * @param flat the mask's cells, row-major
   * @param shape the shape of the mask (the lengths of the axes it covers); its size must equal {@code flat.length}
   * @return the mask index
   * @throws IllegalArgumentException if the shape's size is not {@code flat.length}
   */
  public static Index mask(boolean[] flat, Shape shape) {
    if (shape.size() != flat.length) {
      throw new IllegalArgumentException(
          "mask has " + flat.length + " elements but shape " + shape + " needs " + shape.size());
    }
    return new Index(Kind.MASK, 0, null, null, 1, null, flat.clone(), shape.toArray());
  }

  /** How many axes of the array this component consumes. */
  int axes() {
    return switch (kind) {
      case MASK -> maskShape.length;
      case ELLIPSIS, NEWAXIS -> 0;
      default -> 1;
    };
  }

  /** True for integer arrays and masks (NumPy's advanced indices). */
  boolean isArray() {
    return kind == Kind.LIST || kind == Kind.MASK;
  }

  /** NumPy's notation for this component, e.g. {@code -1}, {@code 1:5:2}, {@code [0, 2]}. */
  @Override
  public String toString() {
    return switch (kind) {
      case INT -> Integer.toString(value);
      case SLICE -> (start == null ? "" : start) + ":" + (stop == null ? "" : stop) + (step == 1 ? "" : ":" + step);
      case LIST -> maskShape.length == 1 ? Arrays.toString(list) : "array" + Shape.of(maskShape);
      case MASK -> maskShape.length == 1 ? Arrays.toString(mask).replace("true", "True").replace("false", "False")
          : "mask" + Shape.of(maskShape);
      case ELLIPSIS -> "...";
      case NEWAXIS -> "None";
    };
  }
}
