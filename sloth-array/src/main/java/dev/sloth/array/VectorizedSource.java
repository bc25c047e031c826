package dev.sloth.array;

/**
 * A source that hands out its next {@code n} values at a time (lazyarray's {@code VectorizedIterable}), e.g. a
 * random number stream. Each evaluation of a lazy array built on it asks once for exactly as many values as
 * elements are addressed, so what an element holds depends on the order of evaluations. This one gives doubles;
 * {@link OfLong}, {@link OfInt} and {@link OfBoolean} give the other element types.
 *
 * <pre>{@code
 * SplittableRandom rng = new SplittableRandom(42);
 * LArray noise = LArray.fromVectorized(n -> rng.doubles(n).toArray(), Shape.of(1_000_000));
 * noise.get(Index.slice(0, 10));   // asks the stream for 10 values
 * LArray dice = LArray.fromLongVectorized(n -> rng.longs(n, 1, 7).toArray(), Shape.of(1000));
 * }</pre>
 */
@FunctionalInterface
public interface VectorizedSource {
  /**
   * The next {@code n} values (an array of length exactly {@code n}).
   *
   * @param n how many values are wanted, {@code >= 1}
   * @return exactly {@code n} values, continuing where the previous call stopped
   */
  double[] next(int n);

  /** A vectorised source of LONG elements. */
  @FunctionalInterface
  interface OfLong {
    /**
     * The next {@code n} values (an array of length exactly {@code n}).
     *
     * @param n how many values are wanted, {@code >= 1}
     * @return exactly {@code n} values, continuing where the previous call stopped
     */
    long[] next(int n);
  }

  /** A vectorised source of INT elements. */
  @FunctionalInterface
  interface OfInt {
    /**
     * The next {@code n} values (an array of length exactly {@code n}).
     *
     * @param n how many values are wanted, {@code >= 1}
     * @return exactly {@code n} values, continuing where the previous call stopped
     */
    int[] next(int n);
  }

  /** A vectorised source of BOOLEAN elements. */
  @FunctionalInterface
  interface OfBoolean {
    /**
     * The next {@code n} values (an array of length exactly {@code n}).
     *
     * @param n how many values are wanted, {@code >= 1}
     * @return exactly {@code n} values, continuing where the previous call stopped
     */
    boolean[] next(int n);
  }
}
