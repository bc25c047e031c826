package dev.sloth.graph;

/**
 * A function of three arguments, wrapped with {@link Graph#fn(String, Function3)}.
 *
 * <pre>{@code
 * Fn3<Integer, Integer, Integer, Integer> clamp = g.fn("Clamp", (x, lo, hi) -> Math.max(lo, Math.min(hi, x)));
 * }</pre>
 */
@FunctionalInterface
public interface Function3<A, B, C, R> {
  R apply(A a, B b, C c);
}
