package dev.sloth.graph;

/**
 * A function of four arguments, wrapped with {@link Graph#fn(String, Function4)}.
 *
 * <pre>{@code
 * Fn4<Double, Double, Double, Double, Double> lerp2 = g.fn("Lerp", (a, b, c, t) -> a + (b - a) * t + c);
 * }</pre>
 */
@FunctionalInterface
public interface Function4<A, B, C, D, R> {
  R apply(A a, B b, C c, D d);
}
