package dev.sloth.cluster;

import java.util.Objects;

/**
 * A function registered by name in a {@link ClusterFunctions} table: what a remote task names instead of shipping
 * code. It has no graph; {@link Cluster#call} records calls of it.
 *
 * <pre>{@code
 * static final ClusterFunctions FUNCTIONS = ClusterFunctions.create();
 * static final RemoteFn<Integer> SQUARE = FUNCTIONS.fn1("Square", (Integer x) -> x * x);
 * RemoteNode<Integer> y = cluster.call(SQUARE, 7);     // on the driver
 * }</pre>
 *
 * @param <R> the type of the function's result
 */
public final class RemoteFn<R> {
  /** Runs the function on its arguments. */
  interface Body {
    Object apply(Object[] args) throws Exception;
  }

  private final String name;
  private final int arity;
  private final String version;
  private final Body body;

  RemoteFn(String name, int arity, String version, Body body) {
    this.name = name;
    this.arity = arity;
    this.version = version;
    this.body = body;
  }

  /**
   * The name every member knows this function by.
   *
   * @return the name given at registration
   */
  public String name() {
    return name;
  }

  /**
   * The number of arguments, or -1 for any number.
   *
   * @return 0, 1, 2 or -1
   */
  public int arity() {
    return arity;
  }

  /**
   * The version of this function's code; see {@link CodeVersion}.
   *
   * @return the version computed by the table's {@link CodeVersion} at registration
   */
  public String codeVersion() {
    return version;
  }

  Object apply(Object[] args) throws Exception {
    return body.apply(args);
  }

  void checkArity(Object[] args) {
    Objects.requireNonNull(args, "the argument array is null");
    if (arity >= 0 && args.length != arity) {
      throw new IllegalArgumentException(
          "function '" + name + "' takes " + arity + " argument" + (arity == 1 ? "" : "s") + ", got " + args.length);
    }
  }

  @Override
  public String toString() {
    return "RemoteFn[" + name + ", version " + version + "]";
  }
}
