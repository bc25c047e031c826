package dev.sloth.graph;

import java.util.List;

/**
 * Thrown by {@link Node#get()} when the function of one or more nodes the value needs threw. It names every failed
 * node and the path from the requested node to it; the first failure's exception is the cause, and the others are
 * suppressed exceptions. Nothing already computed is lost: nodes that succeeded stay cached, the dependents of a
 * failed node did not run, and the next {@code get()} runs the failed nodes again (unless their function caches
 * failures, see {@link FnOptions#cachingFailures()}).
 *
 * <pre>{@code
 * try {
 *   total.get();
 * } catch (EvaluationException e) {
 *   System.err.println(e.getMessage());   // Evaluating 'Sum#9' failed: 'Parse#3' threw ... (path: Sum#9 -> Parse#3)
 * }
 * }</pre>
 */
public class EvaluationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The name of the requested node; serialized (the failures, which hold arbitrary exceptions, are not). */
  private final String requested;
  private final transient List<NodeFailure> failures;

  /**
   * Creates an exception for the evaluation of {@code requested}, which hit the given failures (at least one).
   *
   * @param requested the name of the node whose value was requested
   * @param failures the failed nodes, in the order they failed; at least one
   */
  public EvaluationException(String requested, List<NodeFailure> failures) {
    super(message(requested, failures), failures.isEmpty() ? null : failures.get(0).cause());
    if (failures.isEmpty()) {
      throw new IllegalArgumentException("an EvaluationException needs at least one failure");
    }
    this.requested = requested;
    this.failures = List.copyOf(failures);
    for (int i = 1; i < failures.size(); i++) {
      if (failures.get(i).cause() != getCause()) {
        addSuppressed(failures.get(i).cause());
      }
    }
  }

  /**
   * The name of the node whose value was requested.
   *
   * @return the requested node's name
   */
  public String requested() {
    return requested;
  }

  /**
   * Every failed node, in the order the failures happened.
   *
   * @return the failures, in order; an unmodifiable list of at least one
   */
  public List<NodeFailure> failures() {
    return failures;
  }

  private static String message(String requested, List<NodeFailure> failures) {
    StringBuilder b = new StringBuilder("Evaluating '").append(requested).append("' failed: ");
    if (failures.isEmpty()) {
      return b.append("(no failure)").toString();
    }
    b.append(failures.get(0));
    if (failures.size() > 1) {
      b.append("; and ").append(failures.size() - 1).append(failures.size() == 2 ? " more:" : " more: ");
      for (int i = 1; i < failures.size() && i < 10; i++) {
        b.append(i == 1 ? " " : "; ").append(failures.get(i));
      }
      if (failures.size() > 10) {
        b.append("; ...");
      }
    }
    return b.toString();
  }
}
