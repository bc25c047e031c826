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
 * <p><b>Run times.</b> Timing a run costs two {@link System#nanoTime} readings (20 to 60 ns each on common hardware,
 * as much as the engine's own work for a function that does little), so the engine reads the clock only as much as
 * its listeners ask, through {@link #runTiming()}: with any listener asking {@link RunTiming#EVERY_RUN} (the
 * default) every run is timed; if the most any listener asks is {@link RunTiming#SAMPLED}, the runs of functions
 * whose last timed run was short are timed one in {@value #SAMPLE_EVERY}; with only {@link RunTiming#NONE}, no run
 * is. Every run is reported either way; an untimed one has {@code startNanos} and {@code nanos} {@link #UNTIMED}.
 *
 * <p>For JDK Flight Recorder, the engine also emits a {@code dev.sloth.NodeRun} event per node run, whether or not
 * listeners are registered; enable it in a recording to see where time went in JDK Mission Control.
 */
public interface GraphListener {

  /**
   * The {@code startNanos} and {@code nanos} of a run the engine did not time (see {@link #runTiming()}); never
   * given to a listener whose {@link #runTiming()} is {@link RunTiming#EVERY_RUN}.
   */
  long UNTIMED = Long.MIN_VALUE;

  /** Of the runs of a function whose last timed run was short, one in this many is timed under {@code SAMPLED}. */
  int SAMPLE_EVERY = 16;

  /**
   * A run that took less than this many nanoseconds (10 us) is short: under {@code SAMPLED}, its function's next
   * runs are timed one in {@value #SAMPLE_EVERY}, until a timed one takes longer again.
   */
  long SHORT_RUN_NANOS = 10_000;

  /**
   * How much of the engine's clock a listener needs; the engine times runs for the most that any registered
   * listener asks. Ordered from most to least.
   */
  enum RunTiming {
    /** Every run is timed: two clock readings per run (the default). */
    EVERY_RUN,
    /**
     * Every run of a function is timed until one of them takes less than {@link #SHORT_RUN_NANOS}; from then on,
     * one in {@link #SAMPLE_EVERY} of its runs is (picked by a hash of the node and the revision, so every node is
     * timed now and then, and no node always), and as soon as a timed run takes longer than that, every run is
     * timed again. The runs left out are reported with {@link #UNTIMED} times: a listener estimates them from the
     * timed ones, and says that it did. For a function of 10 us or more nothing changes; for one of 100 ns the
     * clock costs about 3 ns a run instead of 50.
     */
    SAMPLED,
    /** No run is timed: every run is reported with {@link #UNTIMED} times (a listener that only counts). */
    NONE
  }

  /**
   * How much timing this listener needs (read once, when it is registered): {@link RunTiming#EVERY_RUN} unless
   * overridden. A listener that shows run times but can do with a sample for short runs says so:
   *
   * <pre>{@code
   * public RunTiming runTiming() {
   *   return RunTiming.SAMPLED;
   * }
   *
   * public void nodeFinished(Node<?> node, long nanos, boolean changed) {
   *   if (nanos != UNTIMED) {
   *     timed.add(nanos);
   *   }
   *   runs.increment();
   * }
   * }</pre>
   *
   * @return the least timing this listener can do with
   */
  default RunTiming runTiming() {
    return RunTiming.EVERY_RUN;
  }

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
   * @param startNanos the {@link System#nanoTime} at which the run starts, or {@link #UNTIMED} for a run the engine
   *     does not time (never under {@link RunTiming#EVERY_RUN}; see {@link #runTiming()})
   */
  default void nodeStartedAt(Node<?> node, long startNanos) {
    nodeStarted(node);
  }

  /**
   * {@code node}'s function returned after {@code nanos}; {@code changed} is false when early cutoff applied.
   *
   * @param node the node whose function returned
   * @param nanos how long the function ran, in nanoseconds, counted from the {@code startNanos} given to {@link
   *     #nodeStartedAt}; {@link #UNTIMED} for a run the engine did not time (see {@link #runTiming()}); 0 for a run
   *     that started before any listener was registered (the engine reads the clock only when a listener is there
   *     to be told)
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
