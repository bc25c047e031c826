/**
 * A persistent, code-aware result cache for Sloth graphs: {@link dev.sloth.cache.DiskCache}, with per-function
 * {@link dev.sloth.cache.PersistRule}s and {@link dev.sloth.cache.FunctionStats}.
 *
 * <pre>{@code
 * DiskCache cache = DiskCache.builder(Path.of(".sloth-cache")).build();
 * Graph g = Graph.builder().persistentCache(cache).build();
 * }</pre>
 */
package dev.sloth.cache;
