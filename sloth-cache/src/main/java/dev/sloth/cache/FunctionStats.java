package dev.sloth.cache;

/**
 * How one function fared with the cache in this JVM: {@code hits} (results recalled, the function did not run),
 * {@code misses} (the function ran), and of those, {@code stored} (its result was persisted) and {@code unstored}
 * (too cheap to be worth a load, {@linkplain PersistRule#notPersisted() not persisted}, or not analysable).
 *
 * <pre>{@code
 * FunctionStats s = cache.stats("Square");
 * System.out.println(s.hits() + " hits, " + s.misses() + " misses");
 * }</pre>
 */
public record FunctionStats(String function, long hits, long misses, long stored, long unstored) {}
