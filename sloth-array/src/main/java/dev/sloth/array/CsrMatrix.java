package dev.sloth.array;

import java.util.Arrays;

/**
 * An immutable sparse matrix of doubles in compressed sparse row (CSR) form, the layout of SciPy's
 * {@code csr_matrix}: row {@code i} holds the entries {@code rowStart[i] .. rowStart[i+1]-1} of
 * {@code columns}/{@code values}, with strictly increasing columns. Looking up an element is a binary search in
 * its row. Wrap one with {@link LArray#fromSparse}.
 *
 * <pre>{@code
 * //  [[1, 0, 2],
 * //   [0, 0, 3]]
 * CsrMatrix m = CsrMatrix.of(2, 3, new int[] {0, 2, 3}, new int[] {0, 2, 2}, new double[] {1, 2, 3});
 * m.get(1, 2);   // 3.0
 * }</pre>
 */
public final class CsrMatrix {
  private final int rows;
  private final int cols;
  private final int[] rowStart;
  private final int[] columns;
  private final double[] values;

  private CsrMatrix(int rows, int cols, int[] rowStart, int[] columns, double[] values) {
    this.rows = rows;
    this.cols = cols;
    this.rowStart = rowStart;
    this.columns = columns;
    this.values = values;
  }

  /**
   * A CSR matrix from its three arrays (copied and validated).
   *
   * @param rows the number of rows, {@code >= 0}
   * @param cols the number of columns, {@code >= 0}
   * @param rowStart {@code rows + 1} offsets into {@code columns}/{@code values}, starting at 0 and never decreasing:
   *     row {@code i} holds entries {@code rowStart[i]} to {@code rowStart[i + 1] - 1}
   * @param columns the column of each stored entry, strictly increasing within a row and in {@code [0, cols)}
   * @param values the value of each stored entry, as many as {@code columns}
   * @return the matrix, holding its own copies of the three arrays
   * @throws IllegalArgumentException if a dimension is negative or the arrays are not a valid CSR layout (the message
   *     names the entry at fault)
   */
  public static CsrMatrix of(int rows, int cols, int[] rowStart, int[] columns, double[] values) {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("rows and cols must be >= 0, were " + rows + ", " + cols);
    }
    if (rowStart.length != rows + 1 || rowStart[0] != 0) {
      throw new IllegalArgumentException("rowStart must have rows + 1 = " + (rows + 1)
          + " entries starting at 0, has " + rowStart.length + ": " + Arrays.toString(rowStart));
    }
    if (columns.length != values.length || rowStart[rows] != values.length) {
      throw new IllegalArgumentException("columns (" + columns.length + ") and values (" + values.length
          + ") must both have rowStart[rows] = " + rowStart[rows] + " entries");
    }
    for (int i = 0; i < rows; i++) {
      if (rowStart[i + 1] < rowStart[i]) {
        throw new IllegalArgumentException("rowStart must not decrease: rowStart[" + (i + 1) + "] = "
            + rowStart[i + 1] + " < rowStart[" + i + "] = " + rowStart[i]);
      }
      for (int k = rowStart[i]; k < rowStart[i + 1]; k++) {
        if (columns[k] < 0 || columns[k] >= cols || (k > rowStart[i] && columns[k] <= columns[k - 1])) {
          throw new IllegalArgumentException("columns of row " + i + " must be strictly increasing in [0, " + cols
              + "); entry " + k + " is " + columns[k]);
        }
      }
    }
    return new CsrMatrix(rows, cols, rowStart.clone(), columns.clone(), values.clone());
  }

  /**
   * A CSR matrix holding the non-zero elements of a dense matrix.
   *
   * @param dense the rows of the matrix, all of equal length
   * @return a matrix storing every element of {@code dense} that is not 0
   * @throws IllegalArgumentException if the rows have different lengths
   */
  public static CsrMatrix fromDense(double[][] dense) {
    int rows = dense.length;
    int cols = rows == 0 ? 0 : dense[0].length;
    int[] rowStart = new int[rows + 1];
    int nnz = 0;
    for (int i = 0; i < rows; i++) {
      if (dense[i].length != cols) {
        throw new IllegalArgumentException("row " + i + " has length " + dense[i].length + ", expected " + cols);
      }
      for (double v : dense[i]) {
        nnz += v != 0 ? 1 : 0;
      }
      rowStart[i + 1] = nnz;
    }
    int[] columns = new int[nnz];
    double[] values = new double[nnz];
    int k = 0;
    for (double[] row : dense) {
      for (int j = 0; j < cols; j++) {
        if (row[j] != 0) {
          columns[k] = j;
          values[k++] = row[j];
        }
      }
    }
    return new CsrMatrix(rows, cols, rowStart, columns, values);
  }

  /**
   * The number of rows.
   *
   * @return the number of rows, {@code >= 0}
   */
  public int rows() {
    return rows;
  }

  /**
   * The number of columns.
   *
   * @return the number of columns, {@code >= 0}
   */
  public int cols() {
    return cols;
  }

  /**
   * The number of stored entries.
   *
   * @return the number of entries held in the value array (explicitly stored zeros included)
   */
  public int nonZeros() {
    return values.length;
  }

  /**
   * The element at row {@code i}, column {@code j}: its stored value or 0.
   *
   * @param i the row, in {@code [0, rows())}
   * @param j the column, in {@code [0, cols())}
   * @return the stored value at {@code (i, j)}, or 0 if nothing is stored there
   */
  public double get(int i, int j) {
    return getOr(i, j, 0.0);
  }

  /** The element at row {@code i}, column {@code j}: its stored value or {@code empty}. */
  double getOr(int i, int j, double empty) {
    if (i < 0 || i >= rows || j < 0 || j >= cols) {
      throw new IndexOutOfBoundsException("(" + i + ", " + j + ") is outside the " + rows + "x" + cols + " matrix");
    }
    int k = Arrays.binarySearch(columns, rowStart[i], rowStart[i + 1], j);
    return k >= 0 ? values[k] : empty;
  }

  /** Equal to a matrix of the same size with the same entries. */
  @Override
  public boolean equals(Object o) {
    return o instanceof CsrMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.rowStart, rowStart)
        && Arrays.equals(m.columns, columns) && Arrays.equals(m.values, values);
  }

  @Override
  public int hashCode() {
    return (rows * 31 + cols) * 31 + Arrays.hashCode(values);
  }
}
