/**
 * Lazy values without a graph: a {@link dev.sloth.lazy.Lazy} computes its value at most once, on the first {@code
 * get()}, by one thread however many ask; {@link dev.sloth.lazy.LazyProperties} gives an object lazy properties that
 * read each other and its inputs, and are recomputed after what they read changes or is invalidated.
 *
 * <pre>{@code
 * Lazy<String> greeting = Lazy.of(() -> "hello, " + System.getProperty("user.name"));
 * greeting.get();   // computed now, once
 *
 * LazyProperties props = LazyProperties.create();
 * Source<Integer> side = props.input("side", 3);
 * LazyProperty<Integer> area = props.define("area", () -> side.get() * side.get());
 * area.get();       // 9
 * side.set(4);
 * area.get();       // 16: recomputed because side changed
 * }</pre>
 *
 * <p>A cycle between Lazies (a supplier that waits, directly or through other threads, for itself) fails with a
 * {@link dev.sloth.lazy.LazyCycleException} naming the Lazies along it, instead of deadlocking. Lazy properties are
 * nodes of a {@link dev.sloth.graph.Graph}, so the engine reports their cycles (a {@link
 * dev.sloth.graph.CycleException}).
 */
package dev.sloth.lazy;
