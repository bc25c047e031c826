package dev.sloth.cluster;

import dev.sloth.array.Evaluated;
import dev.sloth.array.Index;
import dev.sloth.array.LArray;
import dev.sloth.array.Shape;
import dev.sloth.graph.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A lazy 2-D array evaluated in row blocks across the members (lazyarray's one-process-per-slice use): each member
 * computes only the rows of its block. The array is defined by a named supplier in the function table, so every
 * member builds the same lazy array locally and nothing but row bounds and block values travels.
 *
 * <pre>{@code
 * static final RowBlocks FIELD = RowBlocks.register(App.FUNCTIONS, "Field",
 *     () -> LArray.fromFunction(4_000, 4_000, (i, j) -> Math.sin(i) * Math.cos(j)).times(2.0));
 * Node<Evaluated> whole = FIELD.evaluate(cluster, 8);     // 8 blocks of 500 rows, spread over the members
 * double x = whole.get().getDouble(1234, 567);
 * }</pre>
 */
public final class RowBlocks {
  private final Supplier<LArray> array;
  private final RemoteFn<double[]> block;

  private RowBlocks(Supplier<LArray> array, RemoteFn<double[]> block) {
    this.array = array;
    this.block = block;
  }

  /**
   * Registers in {@code table}, under {@code name}, the function computing a row block of the 2-D array that
   * {@code array} defines (as doubles, row-major).
    *
    * @param table the function table the members serve
    * @param name the block function's name, unique in {@code table}
    * @param array builds the lazy 2-D array; every member calls it, so it must build the same array everywhere
    * @return the handle for {@link #blocks} and {@link #evaluate}
   */
  public static RowBlocks register(ClusterFunctions table, String name, Supplier<LArray> array) {
    Objects.requireNonNull(array, () -> "the array supplier given for '" + name + "' is null");
    RemoteFn<double[]> fn = table.fn2(name, (Integer from, Integer to) ->
        array.get().get(Index.slice(from, to), Index.all()).toDoubleArray());
    return new RowBlocks(array, fn);
  }

  /**
   * The remote nodes of {@code blocks} row blocks of nearly equal size (the first ones one row larger).
   *
   * @param cluster the driver the blocks are called through
   * @param blocks how many blocks, 1 to the row count
   * @return one remote node per block, in row order
   * @throws IllegalArgumentException if {@code blocks} is out of range, or the array is not 2-D
   */
  public List<RemoteNode<double[]>> blocks(Cluster cluster, int blocks) {
    int rows = shape().dim(0);
    if (blocks < 1 || blocks > rows) {
      throw new IllegalArgumentException("blocks must be in 1.." + rows + " (the row count), was " + blocks);
    }
    List<RemoteNode<double[]>> nodes = new ArrayList<>(blocks);
    int from = 0;
    for (int b = 0; b < blocks; b++) {
      int to = from + rows / blocks + (b < rows % blocks ? 1 : 0);
      nodes.add(cluster.call(block, from, to));
      from = to;
    }
    return nodes;
  }

  /**
   * The whole array as a local node: its blocks computed on the members, then fetched and joined.
   *
   * @param cluster the driver the blocks are called through
   * @param blocks how many blocks, 1 to the row count
   * @return a local node whose value is the whole evaluated array
   * @throws IllegalArgumentException if {@code blocks} is out of range, or the array is not 2-D
   */
  public Node<Evaluated> evaluate(Cluster cluster, int blocks) {
    Shape shape = shape();
    List<Node<double[]>> parts = blocks(cluster, blocks).stream().map(RemoteNode::value).toList();
    return cluster.graph().fnN(block.name() + ".join", double[].class, (List<double[]> ps) -> {
      double[] all = new double[shape.dim(0) * shape.dim(1)];
      int at = 0;
      for (double[] p : ps) {
        System.arraycopy(p, 0, all, at, p.length);
        at += p.length;
      }
      return Evaluated.of(shape, all);
    }).call(parts);
  }

  private Shape shape() {
    Shape s = array.get().shape();
    if (s.rank() != 2) {
      throw new IllegalArgumentException("row blocks need a 2-D array, '" + block.name() + "' has shape " + s);
    }
    return s;
  }
}
