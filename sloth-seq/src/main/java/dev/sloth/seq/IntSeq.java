package dev.sloth.seq;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.PrimitiveIterator;
import java.util.function.IntBinaryOperator;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.IntSupplier;
import java.util.function.IntUnaryOperator;

/**
 * A lazy sequence of primitive {@code int}s, under the same rules as {@link Seq} and {@link LongSeq}: a
 * description, each iteration opens and closes what it needs, {@link #close()} ends this sequence's own
 * iterations. Elements are never boxed on their way through, only where you ask for objects.
 *
 * <pre>{@code
 * int total = IntSeq.range(0, 1000).filter(x -> x % 3 == 0).sum();
 * int longest = Seq.lines(path).mapToInt(String::length).reduce(0, Math::max);
 * }</pre>
 *
 * <p><b>How it works.</b> An IntSeq runs on {@link LongSeq}'s machinery: each {@code int} travels widened in a
 * {@code long}, and each operation is the {@code LongSeq} operation with the {@code int} function around it. The
 * JIT compiles the widening and narrowing to nothing, so the fused loops are those of {@code LongSeq}, with one
 * implementation of cursors, closing and iteration for all three primitive kinds.
 */
public final class IntSeq implements AutoCloseable {
  private static final String KIND = "IntSeq";
  private final LongSeq longs;

  private IntSeq(LongSeq longs) {
    this.longs = longs;
  }

  /** An IntSeq over a LongSeq whose elements are all ints (used by {@link Seq#mapToInt}). */
  static IntSeq over(LongSeq ints) {
    return new IntSeq(ints);
  }

  private static IntSeq source(String label, LongSeq longs) {
    return new IntSeq(LongSeq.relabel(KIND, label, longs));
  }

  // ---------------------------------------------------------------------------------------------- sources

  /**
   * {@code start, ..., end - 1}; empty if {@code end <= start}. {@code IntSeq.range(0, 3).toArray()} is [0, 1, 2].
   *
   * @param startInclusive the first element
   * @param endExclusive the element after the last one
   * @return {@code start, ..., end - 1}; empty if {@code end <= start}
   */
  public static IntSeq range(int startInclusive, int endExclusive) {
    return source("IntSeq.range(" + startInclusive + ", " + endExclusive + ")",
        LongSeq.range(startInclusive, endExclusive));
  }

  /**
   * The given values (copied). {@code IntSeq.of(3, 1, 4).sum()} is 8.
   *
   * @param values the elements, copied
   * @return the given values (copied)
   */
  public static IntSeq of(int... values) {
    Objects.requireNonNull(values, "values");
    long[] widened = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      widened[i] = values[i];
    }
    return source("IntSeq.of(" + values.length + " values)", LongSeq.of(widened));
  }

  /**
   * The empty sequence.
   *
   * @return the empty sequence
   */
  public static IntSeq empty() {
    return of();
  }

  /**
   * The endless sequence {@code seed, next(seed), ...}. {@code IntSeq.iterate(1, x -> x * 2).take(4)} is 1, 2, 4, 8.
   *
   * @param seed the first element
   * @param next the function that makes each element from the one before
   * @return the endless sequence {@code seed, next(seed), ...}
   */
  public static IntSeq iterate(int seed, IntUnaryOperator next) {
    Objects.requireNonNull(next, "next");
    return source("IntSeq.iterate(..)", LongSeq.iterate(seed, x -> next.applyAsInt((int) x)));
  }

  /**
   * {@code seed, next(seed), ...} while {@code hasNext} holds, like a {@code for} loop.
   *
   * @param seed the first element
   * @param hasNext whether an element is still part of the sequence
   * @param next the function that makes each element from the one before
   * @return {@code seed, next(seed), ...} while {@code hasNext} holds, like a {@code for} loop
   */
  public static IntSeq iterate(int seed, IntPredicate hasNext, IntUnaryOperator next) {
    Objects.requireNonNull(hasNext, "hasNext");
    Objects.requireNonNull(next, "next");
    return source("IntSeq.iterate(..)",
        LongSeq.iterate(seed, x -> hasNext.test((int) x), x -> next.applyAsInt((int) x)));
  }

  /**
   * The endless sequence of {@code supplier.getAsInt()}.
   *
   * @param supplier called once for each element pulled
   * @return the endless sequence of {@code supplier.getAsInt()}
   */
  public static IntSeq generate(IntSupplier supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return source("IntSeq.generate(..)", LongSeq.generate(supplier::getAsInt));
  }

  // ------------------------------------------------------------------------------------------- operations

  /**
   * Each element transformed. {@code IntSeq.range(0, 3).map(x -> x * 10)} is 0, 10, 20.
   *
   * @param mapper the function applied to each element
   * @return each element transformed
   */
  public IntSeq map(IntUnaryOperator mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return new IntSeq(longs.map(x -> mapper.applyAsInt((int) x)));
  }

  /**
   * The elements that match.
   *
   * @param predicate the condition each element is tested against
   * @return the elements that match
   */
  public IntSeq filter(IntPredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new IntSeq(longs.filter(x -> predicate.test((int) x)));
  }

  /**
   * Runs {@code action} on each element as it passes.
   *
   * @param action the action run on each element
   * @return the same elements, with {@code action} run on each as it passes
   */
  public IntSeq peek(IntConsumer action) {
    Objects.requireNonNull(action, "action");
    return new IntSeq(longs.peek(x -> action.accept((int) x)));
  }

  /**
   * At most the first {@code n} elements; upstream resources close as soon as the n-th is delivered.
   *
   * @param n the number of elements
   * @return at most the first {@code n} elements; upstream resources close as soon as the n-th is delivered
   */
  public IntSeq take(long n) {
    return new IntSeq(longs.take(n));
  }

  /**
   * All but the first {@code n} elements.
   *
   * @param n the number of elements
   * @return all but the first {@code n} elements
   */
  public IntSeq drop(long n) {
    return new IntSeq(longs.drop(n));
  }

  /**
   * The leading elements that match.
   *
   * @param predicate the condition each element is tested against
   * @return the leading elements that match
   */
  public IntSeq takeWhile(IntPredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new IntSeq(longs.takeWhile(x -> predicate.test((int) x)));
  }

  /**
   * The elements from the first that does not match on.
   *
   * @param predicate the condition each element is tested against
   * @return the elements from the first that does not match on
   */
  public IntSeq dropWhile(IntPredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new IntSeq(longs.dropWhile(x -> predicate.test((int) x)));
  }

  /**
   * This sequence, also running {@code action} each time one of its iterations closes.
   *
   * @param action run each time an iteration of this sequence closes
   * @return this sequence, also running {@code action} each time one of its iterations closes
   */
  public IntSeq onClose(Runnable action) {
    return new IntSeq(longs.onClose(action));
  }

  /**
   * The elements as {@code Integer}s.
   *
   * @return the elements as {@code Integer}s
   */
  public Seq<Integer> boxed() {
    return longs.mapToObj(x -> (int) x);
  }

  /**
   * Each element turned into an object.
   *
   * @param <R> the type of the results
   * @param mapper the function applied to each element
   * @return each element turned into an object
   */
  public <R> Seq<R> mapToObj(IntFunction<? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return longs.mapToObj(x -> mapper.apply((int) x));
  }

  /**
   * The elements widened to {@code long}s.
   *
   * @return the elements widened to {@code long}s
   */
  public LongSeq asLongSeq() {
    return LongSeq.stage(".asLongSeq()", longs::openCursor, longs);
  }

  /**
   * The elements as {@code double}s.
   *
   * @return the elements as {@code double}s
   */
  public DoubleSeq asDoubleSeq() {
    return DoubleSeq.over(longs, ".asDoubleSeq()", x -> (double) x);
  }

  // -------------------------------------------------------------------------------------------- terminals

  /**
   * The sum; overflow wraps around, as in {@code IntStream.sum()}.
   *
   * @return the sum; overflow wraps around, as in {@code IntStream.sum()}
   */
  public int sum() {
    return (int) longs.sum(); // the low 32 bits of the long sum are the wrapped int sum
  }

  /**
   * The number of elements.
   *
   * @return the number of elements
   */
  public long count() {
    return longs.count();
  }

  /**
   * Folds the elements into one value, starting from {@code identity}.
   *
   * @param identity the result for no elements, and the first value combined
   * @param accumulator the function that combines the result so far with the next element
   * @return the elements folded into one value, starting from {@code identity}
   */
  public int reduce(int identity, IntBinaryOperator accumulator) {
    Objects.requireNonNull(accumulator, "accumulator");
    return (int) longs.reduce(identity, (a, b) -> accumulator.applyAsInt((int) a, (int) b));
  }

  /**
   * Folds the elements pairwise; empty if there are none.
   *
   * @param accumulator the function that combines the result so far with the next element
   * @return the elements folded pairwise; empty if there are none
   */
  public OptionalInt reduce(IntBinaryOperator accumulator) {
    Objects.requireNonNull(accumulator, "accumulator");
    var r = longs.reduce((a, b) -> accumulator.applyAsInt((int) a, (int) b));
    return r.isPresent() ? OptionalInt.of((int) r.getAsLong()) : OptionalInt.empty();
  }

  /**
   * The first element, pulling only that far.
   *
   * @return the first element, pulling only that far
   */
  public OptionalInt first() {
    var r = longs.first();
    return r.isPresent() ? OptionalInt.of((int) r.getAsLong()) : OptionalInt.empty();
  }

  /**
   * Whether some element matches; stops at the first that does.
   *
   * @param predicate the condition each element is tested against
   * @return whether some element matches; stops at the first that does
   */
  public boolean anyMatch(IntPredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return longs.anyMatch(x -> predicate.test((int) x));
  }

  /**
   * Whether every element matches (true for none).
   *
   * @param predicate the condition each element is tested against
   * @return whether every element matches (true for none)
   */
  public boolean allMatch(IntPredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return longs.allMatch(x -> predicate.test((int) x));
  }

  /**
   * Whether no element matches (true for none).
   *
   * @param predicate the condition each element is tested against
   * @return whether no element matches (true for none)
   */
  public boolean noneMatch(IntPredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return longs.noneMatch(x -> predicate.test((int) x));
  }

  /**
   * Runs {@code action} on every element, then closes the iteration.
   *
   * @param action the action run on each element
   */
  public void forEach(IntConsumer action) {
    Objects.requireNonNull(action, "action");
    longs.forEach(x -> action.accept((int) x));
  }

  /**
   * All elements in a new array.
   *
   * @return all elements in a new array
   */
  public int[] toArray() {
    long[] wide = longs.toArray();
    int[] out = new int[wide.length];
    for (int i = 0; i < wide.length; i++) {
      out[i] = (int) wide[i];
    }
    return out;
  }

  /**
   * All elements, boxed, in an immutable list.
   *
   * @return all elements, boxed, in an immutable list
   */
  public List<Integer> toList() {
    return longs.toList(x -> (int) x); // an iteration of longs, which close() ends
  }

  /**
   * A new iteration as a primitive iterator; closes itself at the end or on an exception.
   *
   * @return a new iteration as a primitive iterator; closes itself at the end or on an exception
   */
  public PrimitiveIterator.OfInt iterator() {
    PrimitiveIterator.OfLong it = longs.iterator();
    return new PrimitiveIterator.OfInt() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public int nextInt() {
        if (!it.hasNext()) {
          throw new NoSuchElementException("the sequence is exhausted");
        }
        return (int) it.nextLong();
      }
    };
  }

  /** Closes this sequence's iterations still open; a closed IntSeq cannot be iterated again. Idempotent. */
  @Override
  public void close() {
    longs.close();
  }

  /** Describes the pipeline without running it, e.g. {@code IntSeq.range(0, 10).map(..)}. */
  @Override
  public String toString() {
    return longs.toString();
  }
}
