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
   * @param n how many values are wanted, {@code >= 0} (0 when the address selects nothing)
   * @return exactly {@code n} values, continuing where the previous call stopped
   */
  double[] next(int n);

  /**
   * A vectorised source of LONG elements.
   *
   * <pre>{@code
   * AtomicLong counter = new AtomicLong();
   * LArray ids = LArray.fromLongVectorized(n -> LongStream.range(0, n).map(i -> counter.getAndIncrement()).toArray(),
   *     Shape.of(100));
   * }</pre>
   */
  @FunctionalInterface
  interface OfLong {
    /**
     * The next {@code n} values (an array of length exactly {@code n}).
     *
     * @param n how many values are wanted, {@code >= 0} (0 when the address selects nothing)
     * @return exactly {@code n} values, continuing where the previous call stopped
     */
    long[] next(int n);
  }

  /**
   * A vectorised source of INT elements.
   *
   * <pre>{@code
   * SplittableRandom rng = new SplittableRandom(7);
   * LArray dice = LArray.fromIntVectorized(n -> rng.ints(n, 1, 7).toArray(), Shape.of(6, 10));
   * }</pre>
   */
  @FunctionalInterface
  interface OfInt {
    /**
     * The next {@code n} values (an array of length exactly {@code n}).
     *
     * @param n how many values are wanted, {@code >= 0} (0 when the address selects nothing)
     * @return exactly {@code n} values, continuing where the previous call stopped
     */
    int[] next(int n);
  }

  /**
   * A vectorised source of BOOLEAN elements.
   *
   * <pre>{@code
   * SplittableRandom rng = new SplittableRandom(7);
   * LArray coins = LArray.fromBooleanVectorized(n -> {
   *   boolean[] b = new boolean[n];
   *   for (int i = 0; i < n; i++) b[i] = rng.nextBoolean();
   *   return b;
   * }, Shape.of(1000));
   * }</pre>
   */
  @FunctionalInterface
  interface OfBoolean {
    /**
     * The next {@code n} values (an array of length exactly {@code n}).
     *
     * @param n how many values are wanted, {@code >= 0} (0 when the address selects nothing)
     * @return exactly {@code n} values, continuing where the previous call stopped
     */
    boolean[] next(int n);
  }
}
