package dev.sloth.graph;

import java.util.List;

/**
 * A store of results that outlives the JVM, consulted by the engine around every run of a wrapped function or a
 * computed body: the extension point {@code sloth-cache} implements ({@code dev.sloth.cache.DiskCache}). The engine
 * keeps no dependency on it; a graph without one ({@link Graph.Builder#persistentCache}) pays one null check.
 *
 * <pre>{@code
 * Graph g = Graph.builder().persistentCache(DiskCache.builder(dir).build()).build();
 * }</pre>
 *
 * <p>The engine calls {@link #run} where it would run the function, on the thread that would run it, with the node
 * claimed and as the current computation: nodes read inside {@code run} (to re-verify a computed node's persisted
 * reads, in order) are recorded as the node's reads exactly as the body's own reads are. An implementation either
 * returns a recalled value or returns what {@link Call#proceed()} returns, storing it; an exception from {@code
 * proceed} must propagate unchanged (failures are never persisted).
 */
public interface PersistentCache {
  /**
   * Runs {@code call}'s function ({@link Call#proceed()}) or recalls its result.
   *
   * @param call the run: its node, function, arguments and {@link Call#proceed()}
   * @return the function's result, recalled or just computed
   * @throws Exception what {@link Call#proceed()} threw, unchanged, or the failure of the cache itself
   */
  Object run(Call call) throws Exception;

  /**
   * One run of a node's function, as the engine sees it.
   *
   * <pre>{@code
   * public Object run(Call call) throws Exception {       // a cache that only counts
   *   runs.merge(call.functionName(), 1, Integer::sum);
   *   return call.proceed();
   * }
   * }</pre>
   */
  interface Call {
    /**
     * The node whose function is about to run.
     *
     * @return the node whose function is about to run
     */
    Node<?> node();

    /**
     * The name the function was wrapped with; for a computed node, the name it was given: every live node asked to be
     * {@code "Now"} says {@code "Now"}, though the second is shown as {@code Now#2} ({@code node().name()}).
     *
     * @return the function's name
     */
    String functionName();

    /**
     * The function object the user gave ({@link Graph#fn1 Graph.fn0..fn4}'s function or {@link Graph#computed}'s body).
     *
     * @return the function object the user gave
     */
    Object function();

    /**
     * The function's options.
     *
     * @return the function's options
     */
    FnOptions options();

    /**
     * Whether the node is a {@link Graph#computed} node (its dependencies are its reads).
     *
     * @return true for a computed node
     */
    boolean isComputed();

    /**
     * Whether the function returns a {@code CompletionStage} of the value.
     *
     * @return true if the function returns a {@code CompletionStage}
     */
    boolean isAsynchronous();

    /**
     * The argument values (node arguments replaced by their values), in order; immutable.
     *
     * @return the argument values; an unmodifiable list (null values allowed)
     */
    List<Object> arguments();

    /**
     * Runs the function now and returns its result; what it throws propagates.
     *
     * @return the function's result
     * @throws Exception whatever the function throws
     */
    Object proceed() throws Exception;

    /**
     * The nodes read under this call so far, in read order, without repeats.
     *
     * @return the nodes read so far; an unmodifiable list
     */
    List<Node<?>> reads();
  }
}
