package dev.sloth.cluster;

/**
 * A remote node failed: its function threw on a member, no member could run it, or it kept killing the members
 * that ran it. As the cause of the graph's {@link dev.sloth.graph.EvaluationException}, it comes with the path from
 * the requested node.
 *
 * <pre>{@code
 * try { total.get(); }
 * catch (EvaluationException e) {
 *   if (e.getCause() instanceof RemoteFunctionException r) System.err.println(r.function() + " on " + r.member());
 * }
 * }</pre>
 */
public final class RemoteFunctionException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The name of the function that failed, serialized with the exception. */
  private final String function;
  /** The member it failed on, or null; serialized with the exception. */
  private final String member;

  RemoteFunctionException(String function, String member, String message) {
    super(message, null, false, false);
    this.function = function;
    this.member = member;
  }

  /**
   * The function's name.
   *
   * @return the name it is registered under in the {@link ClusterFunctions} table
   */
  public String function() {
    return function;
  }

  /**
   * The member it failed on (the last one, if several), or null if it never ran.
   *
   * @return the member's address, {@code host:port}, or null
   */
  public String member() {
    return member;
  }
}
