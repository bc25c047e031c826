package dev.sloth.array;

import java.util.ArrayList;
import java.util.List;

/**
 * An {@link Address} resolved against the full shape of an array: which source element each element of the
 * result comes from. {@link LazyBase} implementations receive one and compute exactly those elements.
 *
 * <p>Resolution follows NumPy. Every component is normalised first (negative indices count from the end, slices
 * are clipped with Python's {@code slice.indices} rule, masks become the list of their true positions) and checked
 * against its axis. Without integer arrays the result has one axis per slice, in order (basic indexing). With
 * integer arrays (or masks), all arrays and the plain integers beside them are broadcast together pointwise into
 * one result axis; that axis takes the place of the first of them if they are adjacent, else it goes first
 * (advanced indexing). Each source axis then maps result coordinates to a source index in one of three ways:
 * a constant, an arithmetic range over one result axis, or a table lookup over the advanced result axis.
 *
 * <pre>{@code
 * Selection s = Selection.resolve(Address.parse("1:3, ::-1"), Shape.of(4, 3));
 * s.resultShape();                  // (2, 3)
 * int[] at = new int[2];
 * s.sourceIndex(0, at);             // at = {1, 2}
 * }</pre>
 */
public final class Selection {
  static final int CONST = 0;
  static final int RANGE = 1;
  static final int TABLE = 2;

  private final Shape fullShape;
  private final Shape resultShape;
  private final int[] resultDims;
  private final int[] kind;
  private final int[] resultAxis;
  private final int[] start;
  private final int[] step;
  /** TABLE axes: the index array (row-major) and its strides over the advanced result axes (0: broadcast). */
  private final int[][] table;
  private final int[][] tableStrides;
  /** The advanced (integer-array) result axes: {@code [advancedAt, advancedAt + advancedRank)}. */
  private final int advancedAt;
  private final int advancedRank;
  private final boolean contiguous;
  private final long contiguousStart;

  private Selection(Shape fullShape, int[] resultDims, int[] kind, int[] resultAxis, int[] start, int[] step,
      int[][] table, int[][] tableStrides, int advancedAt, int advancedRank) {
    this.fullShape = fullShape;
    this.resultDims = resultDims;
    this.resultShape = Shape.wrap(resultDims);
    this.kind = kind;
    this.resultAxis = resultAxis;
    this.start = start;
    this.step = step;
    this.table = table;
    this.tableStrides = tableStrides;
    this.advancedAt = advancedAt;
    this.advancedRank = advancedRank;
    this.contiguous = computeContiguous();
    this.contiguousStart = contiguous ? offsetOfFirst() : -1;
  }

  /**
   * The selection of every element of {@code shape}, in row-major order.
   *
   * @param shape the full shape
   * @return the whole selection, whose result shape is {@code shape}
   */
  public static Selection whole(Shape shape) {
    int r = shape.rank();
    int[] kind = new int[r];
    int[] axis = new int[r];
    int[] step = new int[r];
    for (int a = 0; a < r; a++) {
      kind[a] = RANGE;
      axis[a] = a;
      step[a] = 1;
    }
    return new Selection(shape, shape.toArray(), kind, axis, new int[r], step, new int[r][], new int[r][], 0, 0);
  }

  /**
   * Resolves {@code address} against {@code shape} with NumPy's rules.
   *
   * @param address the address to resolve
   * @param shape the shape of the array it addresses
   * @return the resolved selection
   * @throws IndexOutOfBoundsException if an index is outside its axis (the message names the axis and size)
   * @throws IllegalArgumentException if the address has too many components or more than one ellipsis, a mask of
   *     the wrong shape, or integer arrays that cannot be broadcast together
   */
  public static Selection resolve(Address address, Shape shape) {
    int rank = shape.rank();
    List<Index> comps = expand(address, shape);
    int[] dims = shape.dims();
    int[] kind = new int[rank];
    int[] start = new int[rank];
    int[] step = new int[rank];
    int[] length = new int[rank];
    int[][] table = new int[rank][];
    int[][] tableShape = new int[rank][];
    int[] compAxis = new int[comps.size()];
    int axis = 0;
    boolean advanced = false;
    for (int ci = 0; ci < comps.size(); ci++) {
      Index c = comps.get(ci);
      compAxis[ci] = axis;
      switch (c.kind) {
        case INT -> {
          kind[axis] = CONST;
          start[axis] = normalise(c.value, axis, dims[axis]);
          axis++;
        }
        case SLICE -> {
          int n = dims[axis];
          int st = c.step;
          int lo;
          int hi;
          if (st > 0) {
            lo = c.start == null ? 0 : clip(c.start, n, 0, n);
            hi = c.stop == null ? n : clip(c.stop, n, 0, n);
          } else {
            lo = c.start == null ? n - 1 : clip(c.start, n, -1, n - 1);
            hi = c.stop == null ? -1 : clip(c.stop, n, -1, n - 1);
          }
          long len = st > 0 ? (hi > lo ? ((long) hi - lo - 1) / st + 1 : 0)
              : (lo > hi ? ((long) lo - hi - 1) / (-(long) st) + 1 : 0);
          kind[axis] = RANGE;
          start[axis] = len == 0 ? 0 : lo;
          step[axis] = st;
          length[axis] = (int) len;
          axis++;
        }
        case LIST -> {
          int[] t = new int[c.list.length];
          for (int i = 0; i < t.length; i++) {
            t[i] = normalise(c.list[i], axis, dims[axis]);
          }
          kind[axis] = TABLE;
          table[axis] = t;
          tableShape[axis] = c.maskShape;
          advanced = true;
          axis++;
        }
        case MASK -> {
          int k = c.maskShape.length;
          int[][] coords = maskPositions(c, axis, dims);
          for (int i = 0; i < k; i++) {
            kind[axis + i] = TABLE;
            table[axis + i] = coords[i];
            tableShape[axis + i] = new int[] {coords[i].length};
          }
          advanced = true;
          axis += k;
        }
        case ELLIPSIS, NEWAXIS -> { }
      }
    }
    int[] resultAxis = new int[rank];
    List<Integer> resultDims = new ArrayList<>();
    int[] broadcast = advanced ? broadcastShape(kind, tableShape) : new int[0];
    int advancedAt = -1;
    boolean adjacent = true;
    if (advanced) { // integers count as advanced indices next to integer arrays (NumPy converts them to arrays)
      int first = -1;
      int last = -1;
      for (int ci = 0; ci < comps.size(); ci++) {
        Index.Kind k = comps.get(ci).kind;
        if (k == Index.Kind.INT || k == Index.Kind.LIST || k == Index.Kind.MASK) {
          first = first < 0 ? ci : first;
          last = ci;
        }
      }
      for (int ci = first; ci <= last; ci++) {
        Index.Kind k = comps.get(ci).kind;
        adjacent &= k != Index.Kind.SLICE && k != Index.Kind.NEWAXIS && k != Index.Kind.ELLIPSIS; // NumPy: even empty
      }
      if (!adjacent) {
        advancedAt = 0;
        addAll(resultDims, broadcast);
      }
    }
    for (int ci = 0; ci < comps.size(); ci++) {
      Index c = comps.get(ci);
      if (c.kind == Index.Kind.SLICE) {
        resultAxis[compAxis[ci]] = resultDims.size();
        resultDims.add(length[compAxis[ci]]);
      } else if (c.kind == Index.Kind.NEWAXIS) {
        resultDims.add(1);
      } else if (advanced && adjacent && advancedAt < 0 && c.kind != Index.Kind.ELLIPSIS) {
        advancedAt = resultDims.size();
        addAll(resultDims, broadcast);
      }
    }
    int[][] strides = new int[rank][];
    for (int a = 0; a < rank; a++) {
      if (kind[a] == TABLE) {
        strides[a] = broadcastStrides(tableShape[a], broadcast);
      }
    }
    int[] rd = resultDims.stream().mapToInt(Integer::intValue).toArray();
    return new Selection(shape, rd, kind, resultAxis, start, step, table, strides, Math.max(advancedAt, 0),
        broadcast.length);
  }

  /** The components with the ellipsis (or, without one, the missing trailing axes) as full slices. */
  private static List<Index> expand(Address address, Shape shape) {
    int rank = shape.rank();
    int used = 0;
    int ellipses = 0;
    for (Index c : address.components()) {
      used += c.axes();
      ellipses += c.kind == Index.Kind.ELLIPSIS ? 1 : 0;
    }
    if (ellipses > 1) {
      throw new IllegalArgumentException("an index can only have a single ellipsis ('...') (address " + address
          + ")");
    }
    if (used > rank) {
      throw new IllegalArgumentException("too many indices for array: array is " + rank + "-dimensional, but "
          + used + " were indexed (address " + address + ", shape " + shape + ")");
    }
    List<Index> comps = new ArrayList<>(address.components().size() + rank - used);
    for (Index c : address.components()) {
      if (c.kind == Index.Kind.ELLIPSIS) {
        for (int i = used; i < rank; i++) {
          comps.add(Index.all());
        }
        comps.add(c); // a marker: consumes no axis, but separates integer arrays around it (even if it stands for none)
      } else {
        comps.add(c);
      }
    }
    if (ellipses == 0) {
      for (int i = used; i < rank; i++) {
        comps.add(Index.all());
      }
    }
    return comps;
  }

  private static int[][] maskPositions(Index c, int axis, int[] dims) {
    int k = c.maskShape.length;
    if (c.mask.length == 0) { // NumPy 2 takes a size-0 index whatever the axes' lengths: nothing selected
      return new int[k][0];
    }
    for (int i = 0; i < k; i++) {
      if (c.maskShape[i] != dims[axis + i]) {
        throw new IllegalArgumentException("boolean index did not match indexed array along axis "
            + (axis + i) + "; size of axis is " + dims[axis + i] + " but size of corresponding boolean axis is "
            + c.maskShape[i]);
      }
    }
    int count = 0;
    for (boolean b : c.mask) {
      count += b ? 1 : 0;
    }
    int[][] coords = new int[k][count];
    int[] odo = new int[k];
    int w = 0;
    for (int f = 0; f < c.mask.length; f++) {
      if (c.mask[f]) {
        for (int i = 0; i < k; i++) {
          coords[i][w] = odo[i];
        }
        w++;
      }
      for (int i = k - 1; i >= 0; i--) {
        if (++odo[i] < c.maskShape[i]) {
          break;
        }
        odo[i] = 0;
      }
    }
    return coords;
  }

  private static void addAll(List<Integer> out, int[] dims) {
    for (int d : dims) {
      out.add(d);
    }
  }

  /** NumPy's broadcasting of the index arrays' shapes (right-aligned; length 1 stretches). */
  private static int[] broadcastShape(int[] kind, int[][] tableShape) {
    int r = 0;
    for (int a = 0; a < kind.length; a++) {
      if (kind[a] == TABLE) {
        r = Math.max(r, tableShape[a].length);
      }
    }
    int[] out = new int[r];
    java.util.Arrays.fill(out, 1);
    for (int a = 0; a < kind.length; a++) {
      if (kind[a] != TABLE) {
        continue;
      }
      int[] ts = tableShape[a];
      for (int j = 0; j < ts.length; j++) {
        int o = r - ts.length + j;
        if (ts[j] != 1) {
          if (out[o] != 1 && out[o] != ts[j]) {
            StringBuilder shapes = new StringBuilder();
            for (int b = 0; b < kind.length; b++) {
              if (kind[b] == TABLE) {
                shapes.append(shapes.length() == 0 ? "" : " ").append(Shape.of(tableShape[b]));
              }
            }
            throw new IllegalArgumentException(
                "shape mismatch: indexing arrays could not be broadcast together with shapes " + shapes);
          }
          out[o] = ts[j];
        }
      }
    }
    Shape.of(out); // checks the size
    return out;
  }

  /** Row-major strides of an index array of shape {@code ts} read at broadcast coordinates (0 where stretched). */
  private static int[] broadcastStrides(int[] ts, int[] broadcast) {
    int[] out = new int[broadcast.length];
    int stride = 1;
    for (int j = ts.length - 1; j >= 0; j--) {
      out[broadcast.length - ts.length + j] = ts[j] == 1 ? 0 : stride;
      stride *= ts[j];
    }
    return out;
  }

  private static int normalise(int index, int axis, int size) {
    long i = index < 0 ? (long) index + size : index;
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException(
          "index " + index + " is out of bounds for axis " + axis + " with size " + size);
    }
    return (int) i;
  }

  private static int clip(int bound, int n, int lo, int hi) {
    long b = bound < 0 ? (long) bound + n : bound;
    return (int) Math.max(lo, Math.min(hi, b));
  }

  private boolean computeContiguous() {
    if (resultShape.size() == 0) {
      return true;
    }
    // From the last axis backwards: full ranges, then at most one partial unit-step range, then constants.
    int phase = 0;
    for (int a = kind.length - 1; a >= 0; a--) {
      int len = kind[a] == RANGE ? resultDims[resultAxis[a]] : 1;
      boolean constant = kind[a] == CONST || (kind[a] == RANGE && len == 1);
      if (kind[a] == TABLE) {
        return false;
      }
      boolean full = kind[a] == RANGE && step[a] == 1 && start[a] == 0 && len == fullShape.dims()[a];
      if (phase == 0 && full) {
        continue;
      }
      if (phase == 0 && kind[a] == RANGE && step[a] == 1) {
        phase = 2;
        continue;
      }
      if (constant) {
        phase = 2;
        continue;
      }
      return false;
    }
    return true;
  }

  private long offsetOfFirst() {
    long[] strides = fullShape.strides();
    long off = 0;
    for (int a = 0; a < kind.length; a++) {
      off += (long) start[a] * strides[a];
    }
    return off;
  }

  /**
   * The shape of the whole array the address was resolved against.
   *
   * @return the full shape
   */
  public Shape fullShape() {
    return fullShape;
  }

  /**
   * The shape of the result.
   *
   * @return the shape NumPy gives {@code a[address]}
   */
  public Shape resultShape() {
    return resultShape;
  }

  /**
   * The number of selected elements (with repeats, if an integer array repeats an index).
   *
   * @return the number of selected elements, the size of {@link #resultShape()}
   */
  public long size() {
    return resultShape.size();
  }

  /**
   * True if this selects every element of the full shape in row-major order.
   *
   * @return true for a whole, in-order selection
   */
  public boolean isWhole() {
    return contiguous && contiguousStart == 0 && size() == fullShape.size();
  }

  /**
   * Writes into {@code out} (length: the full rank) the source coordinates of result element {@code k}, counted in
   * row-major order of the result.
   *
   * @param k the result element, in {@code [0, size())}
   * @param out receives one coordinate per axis of the full shape; its length must be {@code fullShape().rank()}
   */
  public void sourceIndex(long k, int[] out) {
    if (k < 0 || k >= size()) {
      throw new IndexOutOfBoundsException("result element " + k + " is outside [0, " + size() + ")");
    }
    if (out.length != kind.length) {
      throw new IllegalArgumentException("out has length " + out.length + ", expected rank " + kind.length);
    }
    int[][] cols = new int[kind.length][1];
    fillCoordinates(k, 1, cols);
    for (int a = 0; a < out.length; a++) {
      out[a] = cols[a][0];
    }
  }

  /** True if result element k is source element {@link #contiguousStart()} + k in row-major order. */
  boolean contiguous() {
    return contiguous;
  }

  long contiguousStart() {
    return contiguousStart;
  }

  /** Source coordinates of result elements {@code [first, first + n)}: out[axis][k]. An odometer on the result. */
  void fillCoordinates(long first, int n, int[][] out) {
    int r = resultDims.length;
    int[] rc = new int[r];
    long rem = first;
    for (int a = r - 1; a >= 0; a--) {
      rc[a] = (int) (rem % resultDims[a]);
      rem /= resultDims[a];
    }
    int rank = kind.length;
    for (int k = 0; k < n; k++) {
      for (int s = 0; s < rank; s++) {
        out[s][k] = switch (kind[s]) {
          case CONST -> start[s];
          case RANGE -> start[s] + step[s] * rc[resultAxis[s]];
          default -> {
            int[] st = tableStrides[s];
            int f = 0;
            for (int j = 0; j < advancedRank; j++) {
              f += rc[advancedAt + j] * st[j];
            }
            yield table[s][f];
          }
        };
      }
      for (int a = r - 1; a >= 0; a--) {
        if (++rc[a] < resultDims[a]) {
          break;
        }
        rc[a] = 0;
      }
    }
  }
}
