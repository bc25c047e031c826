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
 *
 * @param function the function's name
 * @param hits lookups that recalled a result
 * @param misses runs of the function
 * @param stored runs whose result was persisted
 * @param unstored runs whose result was not persisted
 */
public record FunctionStats(String function, long hits, long misses, long stored, long unstored) {}
