package dev.sloth.cluster;

import dev.sloth.graph.Node;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A recorded call of a remote function. Its result is computed and kept by a member; {@link #get()} computes what
 * is stale and fetches the value to the driver, and {@link #value()} is that value as a local node, for local
 * functions to consume.
 *
 * <pre>{@code
 * RemoteNode<Long> total = cluster.call(App.SUM, parts);
 * long t = total.get();                        // runs the stale remote ancestors, fetches the sum
 * Optional<String> where = total.member();     // "127.0.0.1:5702"
 * }</pre>
 *
 * @param <T> the type of the result
 */
public final class RemoteNode<T> {
  private final Cluster cluster;
  /** The graph node whose value is the reference to the result. */
  final Node<Object> ref;

  RemoteNode(Cluster cluster, Node<Object> ref) {
    this.cluster = cluster;
    this.ref = ref;
  }

  /**
   * Computes the stale remote nodes this one needs and returns its value, fetched from the member holding it.
   *
   * @throws dev.sloth.graph.EvaluationException if a node failed, with the path to it; the cause is a {@link
   *     RemoteFunctionException} for a remote failure
    * @return the result of the call
   */
  public T get() {
    return value().get();
  }

  /**
   * Like {@link #get()}, but gives up waiting after {@code timeout} (the work goes on).
   *
   * @param timeout how long to wait at most
   * @return the result of the call
   * @throws TimeoutException if it is not there within {@code timeout}
   * @throws dev.sloth.graph.EvaluationException as {@link #get()} does
   */
  public T get(Duration timeout) throws TimeoutException {
    return value().get(timeout);
  }

  /**
   * Starts computing and fetching in the background.
   *
   * @return a future completed with the result, or with the {@link dev.sloth.graph.EvaluationException}
   */
  public CompletableFuture<T> getAsync() {
    return value().getAsync();
  }

  /**
   * The value as a local node of the driver's graph (one node per remote node: equal calls are shared).
   *
   * @return a node whose value is the fetched result
   */
  public Node<T> value() {
    return cluster.valueOf(ref);
  }

  /**
   * The engine's node for this call; its value is an internal reference to the result, not the result.
   *
   * @return the underlying node, to depend on the call without fetching its result
   */
  public Node<?> node() {
    return ref;
  }

  /**
   * The node's name, such as {@code Square#3}.
   *
   * @return the function's name, {@code #}, and a sequence number
   */
  public String name() {
    return ref.name();
  }

  /**
   * The member holding the result now, if it is computed.
   *
   * @return the holder's address, or empty if the result is not computed (or was lost)
   */
  public Optional<String> member() {
    return Optional.ofNullable(cluster.memberOf(ref));
  }

  @Override
  public String toString() {
    return "RemoteNode[" + ref.name() + "]";
  }
}
