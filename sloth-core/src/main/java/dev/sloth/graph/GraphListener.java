package dev.sloth.graph;

/**
 * Hears what a {@link Graph} does: evaluations, node runs, cache hits, source changes. Every method has an empty
 * default, so implement only what you need. Methods are called on the thread where the event happens (often a pool
 * thread), so keep them short and thread-safe. With no listener registered, the engine pays one array-length check
 * per event.
 *
 * <pre>{@code
 * g.addListener(new GraphListener() {
 *   public void nodeFinished(Node<?> node, long nanos, boolean changed) {
 *     System.out.printf("%s took %.1f ms%n", node.name(), nanos / 1e6);
 *   }
 * });
 * }</pre>
 *
 * <p>For JDK Flight Recorder, the engine also emits a {@code dev.sloth.NodeRun} event per node run, whether or not
 * listeners are registered; enable it in a recording to see where time went in JDK Mission Control.
 */
public interface GraphListener {

  /**
   * A {@code get()} starts bringing {@code requested} up to date; {@code planned} nodes may need to run.
   *
   * @param requested the node whose value was asked for
   * @param planned how many nodes the evaluation may run (an upper bound)
   */
  default void evaluationStarted(Node<?> requested, int planned) {}

  /**
   * The evaluation of {@code requested} ended, successfully or not.
   *
   * @param requested the node whose value was asked for
   * @param succeeded false if the evaluation ended in a failure
   */
  default void evaluationFinished(Node<?> requested, boolean succeeded) {}

  /**
   * {@code node}'s function starts running.
   *
   * @param node the node whose function starts
   */
  default void nodeStarted(Node<?> node) {}

  /**
   * {@code node}'s function starts running at {@code startNanos}, the engine's own {@link System#nanoTime} reading
   * for the run; the {@code nanos} that {@link #nodeFinished} later reports count from it, so the run ended at
   * {@code startNanos + nanos}. The engine calls this method rather than {@link #nodeStarted}; the default calls
   * {@link #nodeStarted}, so implement only one of the two. A listener that records when runs happen implements
   * this one and reads no clock of its own:
   *
   * <pre>{@code
   * public void nodeStartedAt(Node<?> node, long startNanos) {
   *   starts.put(node.name(), startNanos);
   * }
   * }</pre>
   *
   * @param node the node whose function starts
   * @param startNanos the {@link System#nanoTime} at which the run starts
   */
  default void nodeStartedAt(Node<?> node, long startNanos) {
    nodeStarted(node);
  }

  /**
   * {@code node}'s function returned after {@code nanos}; {@code changed} is false when early cutoff applied.
   *
   * @param node the node whose function returned
   * @param nanos how long the function ran, in nanoseconds (0 for a run that started before any listener was
   *     registered: the engine reads the clock only when a listener is there to be told)
   * @param changed false if the new value was equivalent to the old one (early cutoff)
   */
  default void nodeFinished(Node<?> node, long nanos, boolean changed) {}

  /**
   * {@code node}'s function threw (or a node it read failed).
   *
   * @param node the node that failed
   * @param cause what the function threw, or the failure of a node it read
   */
  default void nodeFailed(Node<?> node, Throwable cause) {}

  /**
   * {@code node} was checked and found valid: its cached value is used, nothing runs.
   *
   * @param node the node found valid
   */
  default void cacheHit(Node<?> node) {}

  /**
   * {@code source} was set to a new value; its dependents are stale from {@code revision} on.
   *
   * @param source the source that was set
   * @param revision the revision the new value belongs to
   */
  default void invalidated(Source<?> source, long revision) {}
}
