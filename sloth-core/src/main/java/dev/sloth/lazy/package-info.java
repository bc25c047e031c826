/**
 * Lazy values: {@link dev.sloth.lazy.Lazy}, computed at most once on the first {@code get()} by one thread, and
 * {@link dev.sloth.lazy.LazyProperties}, properties of an object built on the engine's nodes, with invalidation
 * that cascades to exactly the properties that read what changed.
 *
 * <pre>{@code
 * Lazy<Config> config = Lazy.of(() -> Config.load(url));   // nothing runs yet
 * config.get();                                           // loads now; concurrent callers wait for this load
 * }</pre>
 */
package dev.sloth.lazy;
