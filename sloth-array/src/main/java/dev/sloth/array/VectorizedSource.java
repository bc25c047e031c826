package dev.sloth.array;

/**
 * A source that hands out its next {@code n} values at a time (lazyarray's {@code VectorizedIterable}), e.g. a
 * random number stream. Each evaluation of a lazy array built on it asks once for exactly as many values as
 * elements are addressed, so what an element holds depends on the order of evaluations.
 *
 * <pre>{@code
 * SplittableRandom rng = new SplittableRandom(42);
 * LArray noise = LArray.fromVectorized(n -> rng.doubles(n).toArray(), Shape.of(1_000_000));
 * noise.get(Index.slice(0, 10));   // asks the stream for 10 values
 * }</pre>
 */
@FunctionalInterface
public interface VectorizedSource {
  /** The next {@code n} values (an array of length exactly {@code n}). */
  double[] next(int n);
}
