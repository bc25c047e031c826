package dev.sloth.array;

/**
 * One block of consecutive result elements being evaluated: {@code [start, start + n)} of a {@link Selection}.
 * Computes, on first demand and once for every base of the expression, the source coordinates and the flat
 * row-major source offsets of its elements. One per evaluating thread.
 */
final class Block {
  final Selection selection;
  final int capacity;
  final int[] index; // scratch for IndexFunction calls
  long start;
  int n;
  private final long[] strides;
  private int[][] coords;
  private int[] offsets;
  private boolean coordsReady;
  private boolean offsetsReady;

  Block(Selection selection, int capacity) {
    this.selection = selection;
    this.capacity = capacity;
    this.strides = selection.fullShape().strides();
    this.index = new int[selection.fullShape().rank()];
  }

  void reset(long start, int n) {
    this.start = start;
    this.n = n;
    coordsReady = false;
    offsetsReady = false;
  }

  boolean contiguous() {
    return selection.contiguous();
  }

  /** Source flat offset of the block's first element; only when {@link #contiguous()}. */
  long sourceStart() {
    return selection.contiguousStart() + start;
  }

  /** coords()[axis][k]: the source coordinate along {@code axis} of the block's k-th element. */
  int[][] coords() {
    if (!coordsReady) {
      if (coords == null) {
        coords = new int[strides.length][capacity];
      }
      selection.fillCoordinates(start, n, coords);
      coordsReady = true;
    }
    return coords;
  }

  /** Flat row-major source offsets of the block's elements (for dense bases, which fit in an int). */
  int[] offsets() {
    if (!offsetsReady) {
      if (offsets == null) {
        offsets = new int[capacity];
      }
      if (contiguous()) {
        int s = (int) sourceStart();
        for (int k = 0; k < n; k++) {
          offsets[k] = s + k;
        }
      } else {
        int[][] c = coords();
        java.util.Arrays.fill(offsets, 0, n, 0);
        for (int a = 0; a < strides.length; a++) {
          int stride = (int) strides[a];
          int[] ca = c[a];
          for (int k = 0; k < n; k++) {
            offsets[k] += ca[k] * stride;
          }
        }
      }
      offsetsReady = true;
    }
    return offsets;
  }
}
