/**
 * The lazy dataflow engine: a {@link dev.sloth.graph.Graph} of {@link dev.sloth.graph.Node}s, each a recorded call
 * of a wrapped function, a settable {@link dev.sloth.graph.Source} or a {@linkplain dev.sloth.graph.Graph#computed
 * computed} expression.
 *
 * <p>Calling a wrapped function ({@link dev.sloth.graph.Fn1}, {@link dev.sloth.graph.Fn2}, ... made by {@code
 * Graph.fn0..fn4}, {@code fnN}, {@code fnAsync*}, {@code fnSpin*} and {@code fnMulti*}) records a node and runs
 * nothing. {@link dev.sloth.graph.Node#get()} runs exactly the stale ancestors the value needs, each once, in parallel
 * where they are independent, and caches every value; after a source changes, the next {@code get()} reruns only what
 * the change reaches, and early cutoff (see {@link dev.sloth.graph.Equivalence}) stops at a recomputed value equal to
 * the old one. A function that throws fails the nodes that need it, with an {@link
 * dev.sloth.graph.EvaluationException} naming each failed node and the path to it; everything else stays cached.
 *
 * <pre>{@code
 * Graph g = Graph.create();
 * Source<Integer> price = g.source("price", 10);
 * Fn2<Integer, Integer, Integer> times = g.fn2("Times", (a, b) -> a * b);
 * Node<Integer> total = times.call(price, 3);   // nothing runs
 * total.get();                                   // 30: Times runs once
 * price.set(12);
 * total.get();                                   // 36: Times runs again, nothing else
 * }</pre>
 *
 * <p>Options per function ({@link dev.sloth.graph.FnOptions}), listeners ({@link dev.sloth.graph.GraphListener}),
 * snapshots for drawing ({@link dev.sloth.graph.GraphSnapshot}), push-style observers ({@link
 * dev.sloth.graph.Observation}) and a hook for persistent caches ({@link dev.sloth.graph.PersistentCache}) complete
 * the API; everything else in the package is package-private machinery.
 */
package dev.sloth.graph;
