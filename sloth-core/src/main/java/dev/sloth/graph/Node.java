package dev.sloth.graph;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A deferred value in a {@link Graph}: the recorded call of a wrapped function, a {@link Source}, or a
 * {@linkplain Graph#computed computed} expression. Recording a node runs nothing; {@link #get()} runs exactly the
 * stale ancestors the value needs (in parallel where they are independent), caches every output, and returns it.
 *
 * <pre>{@code
 * Graph g = Graph.create();
 * Fn1<Integer, Integer> square = g.fn1("Square", x -> x * x);
 * Node<Integer> a = square.call(3);   // nothing runs
 * int nine = a.get();                 // Square runs once
 * int again = a.get();                // cached: nothing runs
 * }</pre>
 *
 * <p>Nodes are thread-safe: any thread may call {@code get()} at any time, and each version of a node is computed
 * exactly once however many threads ask for it. A node that is no longer referenced, and that nothing live depends
 * on, is garbage-collected with its cached value.
 *
 * @param <T> the type of the value
 */
public sealed interface Node<T> permits Source, AbstractNode {

  /**
   * Returns the value, computing the stale ancestors it needs first. When called from inside a running node's
   * function, the read is recorded as a dependency of that node.
   *
   * @return the value, which may be null
   * @throws EvaluationException if a node on the way failed; names the failed nodes and the paths to them
   * @throws java.util.concurrent.CancellationException if the calling thread was interrupted while waiting
   *     (the interrupt flag is restored; the graph stays usable)
   */
  T get();

  /**
   * Like {@link #get()}, but gives up waiting after {@code timeout}. Work already started goes on in the
   * background and its results are cached; the graph stays usable.
   *
   * @param timeout how long to wait at most; not null
   * @return the value, which may be null
   * @throws TimeoutException if the value was not ready in time
   */
  T get(Duration timeout) throws TimeoutException;

  /**
   * Starts computing the value in the background and returns a future of it; the future fails with an
   * {@link EvaluationException} if the evaluation does. Cancelling the future stops nothing already running.
   *
   * @return a future of the value
   */
  CompletableFuture<T> getAsync();

  /**
   * The values of {@code nodes}, all as of one revision, their evaluations run together (in parallel in a parallel
   * graph). Inside a running function this is the way to read many nodes at once: every one is recorded as a
   * dependency of the function, which reads made on other threads (a parallel stream, {@code supplyAsync}) cannot
   * be. Outside functions it is a consistent snapshot of several nodes. Nodes of several graphs are evaluated one
   * graph at a time (still all as of one revision), each where its own graph runs nodes and reported to its own
   * graph's listeners and statistics.
   *
   * <pre>{@code
   * Node<Integer> sum = g.computed("sum", () -> Node.getAll(parts).stream().mapToInt(i -> i).sum());
   * }</pre>
   *
   * @param <T> the type of the values
   * @param nodes the nodes to read, of any graphs; none may be null
   * @return their values, in the order of {@code nodes}; an unmodifiable list (null values allowed)
   * @throws EvaluationException if any of them failed; names every failure
   */
  @SuppressWarnings("unchecked")
  static <T> List<T> getAll(java.util.Collection<? extends Node<? extends T>> nodes) {
    java.util.Objects.requireNonNull(nodes, "nodes");
    List<AbstractNode<?>> list = new java.util.ArrayList<>(nodes.size());
    int i = 0;
    for (Node<? extends T> n : nodes) {
      if (n == null) {
        throw new NullPointerException("node " + i + " given to getAll is null");
      }
      list.add((AbstractNode<?>) n);
      i++;
    }
    Computation reader = Computation.current();
    List<Object> values = reader != null ? reader.readAll(list) : Evaluation.evaluateAll(list);
    return (List<T>) java.util.Collections.unmodifiableList(values);
  }

  /**
   * The node's name: the function's name and a sequence number ({@code Square#3}), or the name given.
   *
   * @return the node's name
   */
  String name();

  /**
   * The node's state now: computed and valid, stale, running, failed, or never computed.
   *
   * @return the node's state now
   */
  NodeState state();

  /**
   * The nodes this one depends on: its node arguments, then the nodes it read while running the last time.
   * Empty for a source.
   *
   * @return the nodes this one depends on, in that order; empty for a source
   */
  List<Node<?>> dependencies();

  /**
   * The graph this node belongs to.
   *
   * @return the graph
   */
  Graph graph();

  /**
   * What must run to produce this node's value now: this node and its ancestors that are not valid, with the edges
   * between them. Runs nothing.
   *
   * @return the nodes that would run and the edges between them; empty when the value is valid
   */
  GraphSnapshot controlFlow();

  /**
   * Runs this node's function on {@code executor} from now on (a dedicated pool, a single thread for a library that
   * is not thread-safe, ...) instead of where the graph would run it. Returns this node.
   *
   * <pre>{@code
   * ExecutorService gpu = Executors.newSingleThreadExecutor();
   * Node<Tensor> t = train.call(data).executor(gpu);
   * }</pre>
   *
   * @param executor where this node's function runs from now on; not null
   * @return this node
   * @throws UnsupportedOperationException for a {@link Source}, which runs no function
   */
  Node<T> executor(java.util.concurrent.Executor executor);

  /**
   * The identity of the function this node calls (for a computed node, of its body), or empty for a source: with
   * the node's arguments, what a persistent cache or a cluster keys its value on. See {@link FunctionIdentity}.
   *
   * <pre>{@code
   * Node<Integer> n = g.fn1("Len", Text::len).call(text);
   * n.function().orElseThrow().methodName();   // "len"
   * }</pre>
   *
   * @return the identity of the node's function, or empty for a source
   */
  default java.util.Optional<FunctionIdentity> function() {
    return this instanceof CallNode<?> c ? java.util.Optional.of(c.fn.identity()) : java.util.Optional.empty();
  }
}
