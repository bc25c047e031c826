package dev.sloth.graph;

import java.util.concurrent.CompletionStage;

/**
 * Runs some of a graph's function calls somewhere else, say on the members of a cluster: the extension point
 * {@code sloth-cluster} implements ({@code Cluster.builder(...).runPureFunctionsRemotely()}). The engine keeps no
 * dependency on it; a graph without one ({@link Graph#runFunctionsWith}) pays one field read per run.
 *
 * <pre>{@code
 * graph.runFunctionsWith(call -> call.functionName().equals("Square")
 *     ? CompletableFuture.supplyAsync(() -> remoteSquare((Integer) call.arguments().get(0)))
 *     : null);                                             // null: run it here, as usual
 * }</pre>
 *
 * <p>The engine asks before every run of a wrapped function or computed body, on the thread that would run it, with
 * the node claimed. A stage given back makes the run asynchronous: the node completes when the stage does, with its
 * value or its fault, exactly as an asynchronous function's ({@code Graph.fnAsync1} and the like); the graph's
 * persistent cache is not consulted for it. The runner must not read nodes nor call {@link
 * PersistentCache.Call#proceed()}: to run the call here, it returns null.
 */
@FunctionalInterface
public interface FunctionRunner {
  /**
   * Runs {@code call} elsewhere, or declines.
   *
   * @param call the run: its node, function name, function object, options and arguments
   * @return a stage completing with the function's result (or failing with its fault), or null to run it here
   * @throws Exception the runner's own fault; the node fails with it, as with a fault of its function
   */
  CompletionStage<?> runElsewhere(PersistentCache.Call call) throws Exception;
}
