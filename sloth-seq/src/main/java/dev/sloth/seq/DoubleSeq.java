package dev.sloth.seq;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.PrimitiveIterator;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleConsumer;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.LongToDoubleFunction;

/**
 * A lazy sequence of primitive {@code double}s, under the same rules as {@link Seq} and {@link LongSeq}: a
 * description, each iteration opens and closes what it needs, {@link #close()} ends this sequence's own
 * iterations. Elements are never boxed on their way through, only where you ask for objects.
 *
 * <pre>{@code
 * double total = Seq.lines(prices).mapToDouble(Double::parseDouble).filter(p -> p > 0).sum();
 * DoubleSeq.iterate(1.0, x -> x / 2).take(4).toArray();   // [1.0, 0.5, 0.25, 0.125]
 * }</pre>
 *
 * <p>{@link #sum()} and {@link #average()} use the compensated (Kahan) summation of {@code DoubleStream}, and give
 * the same result as {@code DoubleStream.sum()} for the same elements in the same order.
 *
 * <p><b>How it works.</b> A DoubleSeq runs on {@link LongSeq}'s machinery: each {@code double} travels as its raw
 * bits in a {@code long} ({@link Double#doubleToRawLongBits}), and each operation is the {@code LongSeq} operation
 * with the conversion around the {@code double} function. The conversions are register moves once compiled, so
 * the fused loops are those of {@code LongSeq}, with one implementation of cursors and closing for all three kinds.
 */
public final class DoubleSeq implements AutoCloseable {
  private static final String KIND = "DoubleSeq";
  /** The elements as raw bits. */
  private final LongSeq bits;

  private DoubleSeq(LongSeq bits) {
    this.bits = bits;
  }

  private static long bits(double d) {
    return Double.doubleToRawLongBits(d);
  }

  private static double value(long bits) {
    return Double.longBitsToDouble(bits);
  }

  /** A DoubleSeq over the elements of {@code longs}, each converted by {@code toDouble}, labelled {@code label}. */
  static DoubleSeq over(LongSeq longs, String label, LongToDoubleFunction toDouble) {
    return new DoubleSeq(LongSeq.stage(KIND, label,
        () -> new LongOps.Map(longs.openCursor(), x -> bits(toDouble.applyAsDouble(x))), longs));
  }

  /** A DoubleSeq over a LongSeq that already carries raw bits (used by {@link Seq#mapToDouble}). */
  static DoubleSeq ofBits(LongSeq bits) {
    return new DoubleSeq(bits);
  }

  private static DoubleSeq source(String label, LongSeq bits) {
    return new DoubleSeq(LongSeq.relabel(KIND, label, bits));
  }

  // ---------------------------------------------------------------------------------------------- sources

  /**
   * The given values (copied). {@code DoubleSeq.of(0.5, 1.5).sum()} is 2.0.
   *
   * @param values the elements, copied
   * @return the given values (copied)
   */
  public static DoubleSeq of(double... values) {
    Objects.requireNonNull(values, "values");
    long[] raw = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      raw[i] = bits(values[i]);
    }
    return source("DoubleSeq.of(" + values.length + " values)", LongSeq.of(raw));
  }

  /**
   * The empty sequence.
   *
   * @return the empty sequence
   */
  public static DoubleSeq empty() {
    return of();
  }

  /**
   * The endless sequence {@code seed, next(seed), ...}.
   *
   * @param seed the first element
   * @param next the function that makes each element from the one before
   * @return the endless sequence {@code seed, next(seed), ...}
   */
  public static DoubleSeq iterate(double seed, DoubleUnaryOperator next) {
    Objects.requireNonNull(next, "next");
    return source("DoubleSeq.iterate(..)", LongSeq.iterate(bits(seed), b -> bits(next.applyAsDouble(value(b)))));
  }

  /**
   * {@code seed, next(seed), ...} while {@code hasNext} holds, like a {@code for} loop.
   *
   * @param seed the first element
   * @param hasNext whether an element is still part of the sequence
   * @param next the function that makes each element from the one before
   * @return {@code seed, next(seed), ...} while {@code hasNext} holds, like a {@code for} loop
   */
  public static DoubleSeq iterate(double seed, DoublePredicate hasNext, DoubleUnaryOperator next) {
    Objects.requireNonNull(hasNext, "hasNext");
    Objects.requireNonNull(next, "next");
    return source("DoubleSeq.iterate(..)", LongSeq.iterate(bits(seed), b -> hasNext.test(value(b)),
        b -> bits(next.applyAsDouble(value(b)))));
  }

  /**
   * The endless sequence of {@code supplier.getAsDouble()}. {@code DoubleSeq.generate(Math::random).take(3)}
   *
   * @param supplier called once for each element pulled
   * @return the endless sequence of {@code supplier.getAsDouble()}
   */
  public static DoubleSeq generate(DoubleSupplier supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return source("DoubleSeq.generate(..)", LongSeq.generate(() -> bits(supplier.getAsDouble())));
  }

  // ------------------------------------------------------------------------------------------- operations

  /**
   * Each element transformed. {@code DoubleSeq.of(1, 4).map(Math::sqrt)} is 1.0, 2.0.
   *
   * @param mapper the function applied to each element
   * @return each element transformed
   */
  public DoubleSeq map(DoubleUnaryOperator mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return new DoubleSeq(bits.map(b -> bits(mapper.applyAsDouble(value(b)))));
  }

  /**
   * The elements that match.
   *
   * @param predicate the condition each element is tested against
   * @return the elements that match
   */
  public DoubleSeq filter(DoublePredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new DoubleSeq(bits.filter(b -> predicate.test(value(b))));
  }

  /**
   * Runs {@code action} on each element as it passes.
   *
   * @param action the action run on each element
   * @return the same elements, with {@code action} run on each as it passes
   */
  public DoubleSeq peek(DoubleConsumer action) {
    Objects.requireNonNull(action, "action");
    return new DoubleSeq(bits.peek(b -> action.accept(value(b))));
  }

  /**
   * At most the first {@code n} elements; upstream resources close as soon as the n-th is delivered.
   *
   * @param n the number of elements
   * @return at most the first {@code n} elements; upstream resources close as soon as the n-th is delivered
   */
  public DoubleSeq take(long n) {
    return new DoubleSeq(bits.take(n));
  }

  /**
   * All but the first {@code n} elements.
   *
   * @param n the number of elements
   * @return all but the first {@code n} elements
   */
  public DoubleSeq drop(long n) {
    return new DoubleSeq(bits.drop(n));
  }

  /**
   * The leading elements that match.
   *
   * @param predicate the condition each element is tested against
   * @return the leading elements that match
   */
  public DoubleSeq takeWhile(DoublePredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new DoubleSeq(bits.takeWhile(b -> predicate.test(value(b))));
  }

  /**
   * The elements from the first that does not match on.
   *
   * @param predicate the condition each element is tested against
   * @return the elements from the first that does not match on
   */
  public DoubleSeq dropWhile(DoublePredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return new DoubleSeq(bits.dropWhile(b -> predicate.test(value(b))));
  }

  /**
   * This sequence, also running {@code action} each time one of its iterations closes.
   *
   * @param action run each time an iteration of this sequence closes
   * @return this sequence, also running {@code action} each time one of its iterations closes
   */
  public DoubleSeq onClose(Runnable action) {
    return new DoubleSeq(bits.onClose(action));
  }

  /**
   * The elements as {@code Double}s.
   *
   * @return the elements as {@code Double}s
   */
  public Seq<Double> boxed() {
    return bits.mapToObj(DoubleSeq::value);
  }

  /**
   * Each element turned into an object.
   *
   * @param <R> the type of the results
   * @param mapper the function applied to each element
   * @return each element turned into an object
   */
  public <R> Seq<R> mapToObj(DoubleFunction<? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return bits.mapToObj(b -> mapper.apply(value(b)));
  }

  // -------------------------------------------------------------------------------------------- terminals

  /**
   * The sum, compensated as in {@code DoubleStream.sum()} (same result for the same elements).
   *
   * @return the sum, compensated as in {@code DoubleStream.sum()} (same result for the same elements)
   */
  public double sum() {
    return Kahan.of(bits).sum();
  }

  /**
   * The arithmetic mean, with the compensated sum; empty if there are no elements.
   *
   * @return the arithmetic mean, with the compensated sum; empty if there are no elements
   */
  public OptionalDouble average() {
    Kahan k = Kahan.of(bits);
    return k.count == 0 ? OptionalDouble.empty() : OptionalDouble.of(k.sum() / k.count);
  }

  /**
   * The number of elements.
   *
   * @return the number of elements
   */
  public long count() {
    return bits.count();
  }

  /**
   * Folds the elements into one value, starting from {@code identity}.
   *
   * @param identity the result for no elements, and the first value combined
   * @param accumulator the function that combines the result so far with the next element
   * @return the elements folded into one value, starting from {@code identity}
   */
  public double reduce(double identity, DoubleBinaryOperator accumulator) {
    Objects.requireNonNull(accumulator, "accumulator");
    return value(bits.reduce(bits(identity),
        (a, b) -> bits(accumulator.applyAsDouble(value(a), value(b)))));
  }

  /**
   * Folds the elements pairwise; empty if there are none.
   *
   * @param accumulator the function that combines the result so far with the next element
   * @return the elements folded pairwise; empty if there are none
   */
  public OptionalDouble reduce(DoubleBinaryOperator accumulator) {
    Objects.requireNonNull(accumulator, "accumulator");
    var r = bits.reduce((a, b) -> bits(accumulator.applyAsDouble(value(a), value(b))));
    return r.isPresent() ? OptionalDouble.of(value(r.getAsLong())) : OptionalDouble.empty();
  }

  /**
   * The first element, pulling only that far.
   *
   * @return the first element, pulling only that far
   */
  public OptionalDouble first() {
    var r = bits.first();
    return r.isPresent() ? OptionalDouble.of(value(r.getAsLong())) : OptionalDouble.empty();
  }

  /**
   * Whether some element matches; stops at the first that does.
   *
   * @param predicate the condition each element is tested against
   * @return whether some element matches; stops at the first that does
   */
  public boolean anyMatch(DoublePredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return bits.anyMatch(b -> predicate.test(value(b)));
  }

  /**
   * Whether every element matches (true for none).
   *
   * @param predicate the condition each element is tested against
   * @return whether every element matches (true for none)
   */
  public boolean allMatch(DoublePredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return bits.allMatch(b -> predicate.test(value(b)));
  }

  /**
   * Whether no element matches (true for none).
   *
   * @param predicate the condition each element is tested against
   * @return whether no element matches (true for none)
   */
  public boolean noneMatch(DoublePredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return bits.noneMatch(b -> predicate.test(value(b)));
  }

  /**
   * Runs {@code action} on every element, then closes the iteration.
   *
   * @param action the action run on each element
   */
  public void forEach(DoubleConsumer action) {
    Objects.requireNonNull(action, "action");
    bits.forEach(b -> action.accept(value(b)));
  }

  /**
   * All elements in a new array.
   *
   * @return all elements in a new array
   */
  public double[] toArray() {
    long[] raw = bits.toArray();
    double[] out = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = value(raw[i]);
    }
    return out;
  }

  /**
   * All elements, boxed, in an immutable list.
   *
   * @return all elements, boxed, in an immutable list
   */
  public List<Double> toList() {
    return bits.toList(DoubleSeq::value); // an iteration of bits, which close() ends
  }

  /**
   * A new iteration as a primitive iterator; closes itself at the end or on an exception.
   *
   * @return a new iteration as a primitive iterator; closes itself at the end or on an exception
   */
  public PrimitiveIterator.OfDouble iterator() {
    PrimitiveIterator.OfLong it = bits.iterator();
    return new PrimitiveIterator.OfDouble() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public double nextDouble() {
        if (!it.hasNext()) {
          throw new NoSuchElementException("the sequence is exhausted");
        }
        return value(it.nextLong());
      }
    };
  }

  /** Closes this sequence's iterations still open; a closed DoubleSeq cannot be iterated again. Idempotent. */
  @Override
  public void close() {
    bits.close();
  }

  /** Describes the pipeline without running it, e.g. {@code DoubleSeq.of(3 values).map(..)}. */
  @Override
  public String toString() {
    return bits.toString();
  }

  /** {@code DoubleStream.sum()}'s compensated summation (Kahan), with the plain sum kept for infinities. */
  private static final class Kahan {
    double sum;
    double compensation;
    double simpleSum;
    long count;

    static Kahan of(LongSeq bits) {
      Kahan k = new Kahan();
      bits.forEach(b -> k.add(value(b)));
      return k;
    }

    void add(double x) {
      count++;
      simpleSum += x;
      double y = x - compensation;
      double t = sum + y;
      compensation = (t - sum) - y;
      sum = t;
    }

    double sum() {
      double total = sum - compensation;
      return Double.isNaN(total) && Double.isInfinite(simpleSum) ? simpleSum : total;
    }
  }
}
