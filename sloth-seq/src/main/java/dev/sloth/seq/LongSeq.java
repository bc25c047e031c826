package dev.sloth.seq;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import java.util.function.Supplier;

/**
 * A lazy sequence of primitive {@code long}s: a {@link Seq} whose elements are never boxed on the way through
 * the pipeline, only where you ask for objects ({@link #toList()}, {@link #boxed()}, {@link #mapToObj}).
 *
 * <pre>{@code
 * long sum = LongSeq.range(0, 10_000_000)
 *     .map(x -> x * x)
 *     .filter(x -> x % 2 == 0)
 *     .sum();                        // one fused loop, nothing allocated per element
 * List<Long> firstTen = LongSeq.range(0, 10_000_000).map(x -> x * x).filter(x -> x % 2 == 0).take(10).toList();
 * }</pre>
 *
 * <h2>Same rules as Seq</h2>
 * A LongSeq is a description: building it runs nothing, and each iteration (a terminal or {@link #iterator()})
 * opens the pipeline afresh and closes whatever it opened when it ends, however it ends. A LongSeq made from a
 * Seq ({@link Seq#mapToLong}) owns that Seq's resources: its files close, its one-shot sources stay one-shot.
 * {@link #close()} closes every iteration started from it that is still open (the sequences it was built from
 * stay usable); a closed LongSeq cannot be iterated again.
 *
 * <h2>Why it is fast</h2>
 * Terminals push each element through the stages as {@code LongUnaryOperator}/{@code LongPredicate} calls inside
 * the source's loop, so the JIT compiles {@code range -> map -> filter -> sum} into one loop over a {@code long}
 * counter, like the one you would write by hand.
 */
public abstract class LongSeq extends Pipeline<LongCursor> implements AutoCloseable {
  /** {@code "LongSeq"}, or the facade this pipeline carries ({@code "IntSeq"}, {@code "DoubleSeq"}), for messages. */
  private final String kind;

  LongSeq(String kind, String label, boolean opensResources, Pipeline<?>... upstream) {
    super(label, opensResources, upstream);
    this.kind = kind;
  }

  @Override
  final String kind() {
    return kind;
  }

  /** A stage defined by how it opens its cursor. */
  private static final class Stage extends LongSeq {
    private final Supplier<LongCursor> opener;

    Stage(String kind, String label, boolean opensResources, Supplier<LongCursor> opener, Pipeline<?>... upstream) {
      super(kind, label, opensResources, upstream);
      this.opener = opener;
    }

    @Override
    LongCursor open() {
      return opener.get();
    }
  }

  private static LongSeq source(String label, Supplier<LongCursor> opener) {
    return new Stage("LongSeq", label, false, opener);
  }

  private LongSeq then(String label, Function<LongCursor, LongCursor> stage) {
    return new Stage(kind, label, false, () -> stage.apply(openCursor()), this);
  }

  /** A LongSeq stage over another node's cursors (used by {@link Seq#mapToLong}). */
  static LongSeq stage(String label, Supplier<LongCursor> opener, Pipeline<?> upstream) {
    return new Stage("LongSeq", label, false, opener, upstream);
  }

  /** A stage of the facade {@code kind} over another node's cursors (used by {@link IntSeq} and {@link DoubleSeq}). */
  static LongSeq stage(String kind, String label, Supplier<LongCursor> opener, Pipeline<?> upstream) {
    return new Stage(kind, label, false, opener, upstream);
  }

  /** The source {@code longs} under another kind and label: how {@link IntSeq} and {@link DoubleSeq} begin. */
  static LongSeq relabel(String kind, String label, LongSeq longs) {
    return new Stage(kind, label, false, longs::open);
  }

  // ---------------------------------------------------------------------------------------------- sources

  /**
   * {@code start, start + 1, ..., end - 1}; empty if {@code end <= start}.
   *
   * <pre>{@code
   * LongSeq.range(0, 5).toArray();   // [0, 1, 2, 3, 4]
   * }</pre>
   *
   * @param startInclusive the first element
   * @param endExclusive the element after the last one
   * @return {@code start, start + 1, ..., end - 1}; empty if {@code end <= start}
   */
  public static LongSeq range(long startInclusive, long endExclusive) {
    return source("LongSeq.range(" + startInclusive + ", " + endExclusive + ")",
        () -> new LongOps.Range(startInclusive, endExclusive));
  }

  /**
   * The given values (copied: later changes to the array do not show).
   *
   * <pre>{@code
   * LongSeq.of(3, 1, 4).sum();   // 8
   * }</pre>
   *
   * @param values the elements, copied
   * @return the given values (copied: later changes to the array do not show)
   */
  public static LongSeq of(long... values) {
    Objects.requireNonNull(values, "values");
    long[] copy = values.clone();
    return source("LongSeq.of(" + copy.length + " values)", () -> new LongOps.ArrayCursor(copy));
  }

  /**
   * The empty sequence. {@code LongSeq.empty().count() == 0}
   *
   * @return the empty sequence
   */
  public static LongSeq empty() {
    return of();
  }

  /**
   * The endless sequence {@code seed, next(seed), next(next(seed)), ...}.
   *
   * <pre>{@code
   * LongSeq.iterate(1, x -> x * 3).take(4).toArray();   // [1, 3, 9, 27]
   * }</pre>
   *
   * @param seed the first element
   * @param next the function that makes each element from the one before
   * @return the endless sequence {@code seed, next(seed), next(next(seed)), ...}
   */
  public static LongSeq iterate(long seed, LongUnaryOperator next) {
    return iterate(seed, x -> true, next);
  }

  /**
   * {@code seed, next(seed), ...} while {@code hasNext} accepts the element (like a {@code for} loop).
   *
   * <pre>{@code
   * LongSeq.iterate(1, x -> x <= 1000, x -> x * 10).toArray();   // [1, 10, 100, 1000]
   * }</pre>
   *
   * @param seed the first element
   * @param hasNext whether an element is still part of the sequence
   * @param next the function that makes each element from the one before
   * @return {@code seed, next(seed), ...} while {@code hasNext} accepts the element (like a {@code for} loop)
   */
  public static LongSeq iterate(long seed, LongPredicate hasNext, LongUnaryOperator next) {
    Objects.requireNonNull(hasNext, "hasNext");
    Objects.requireNonNull(next, "next");
    return source("LongSeq.iterate(" + seed + ", ..)", () -> new LongOps.Iterate(seed, hasNext, next));
  }

  /**
   * An endless sequence of {@code supplier.getAsLong()}, called once per element pulled.
   *
   * <pre>{@code
   * long[] stamps = LongSeq.generate(System::nanoTime).take(3).toArray();
   * }</pre>
   *
   * @param supplier called once for each element pulled
   * @return an endless sequence of {@code supplier.getAsLong()}, called once per element pulled
   */
  public static LongSeq generate(LongSupplier supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return source("LongSeq.generate(..)", () -> new LongOps.Generate(supplier));
  }

  // ------------------------------------------------------------------------------------------- operations

  /**
   * Each element transformed. {@code LongSeq.range(0, 3).map(x -> x * x)} is 0, 1, 4.
   *
   * @param mapper the function applied to each element
   * @return each element transformed
   */
  public final LongSeq map(LongUnaryOperator mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return then(".map(..)", c -> new LongOps.Map(c, mapper));
  }

  /**
   * The elements that match. {@code LongSeq.range(0, 10).filter(x -> x % 2 == 0)} is 0, 2, 4, 6, 8.
   *
   * @param predicate the condition each element is tested against
   * @return the elements that match
   */
  public final LongSeq filter(LongPredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return then(".filter(..)", c -> new LongOps.Filter(c, predicate));
  }

  /**
   * At most the first {@code n} elements; upstream resources close as soon as the n-th is delivered.
   *
   * <pre>{@code
   * LongSeq.iterate(1, x -> x + 1).take(3).toArray();   // [1, 2, 3]
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code n < 0}
   * @param n the number of elements
   * @return at most the first {@code n} elements; upstream resources close as soon as the n-th is delivered
   */
  public final LongSeq take(long n) {
    checkCount("take", n);
    return then(".take(" + n + ")", c -> new LongOps.Take(c, n));
  }

  /**
   * The leading elements that match; stops (and closes upstream) at the first that does not.
   *
   * @param predicate the condition each element is tested against
   * @return the leading elements that match; stops (and closes upstream) at the first that does not
   */
  public final LongSeq takeWhile(LongPredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return then(".takeWhile(..)", c -> new LongOps.TakeWhile(c, predicate));
  }

  /**
   * All but the first {@code n} elements. {@code LongSeq.range(0, 5).drop(2)} is 2, 3, 4.
   *
   * @throws IllegalArgumentException if {@code n < 0}
   * @param n the number of elements
   * @return all but the first {@code n} elements
   */
  public final LongSeq drop(long n) {
    checkCount("drop", n);
    return then(".drop(" + n + ")", c -> new LongOps.Drop(c, n));
  }

  /**
   * The elements from the first that does not match on. {@code LongSeq.of(1, 2, 5, 1).dropWhile(x -> x < 3)} is 5, 1.
   *
   * @param predicate the condition each element is tested against
   * @return the elements from the first that does not match on
   */
  public final LongSeq dropWhile(LongPredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return then(".dropWhile(..)", c -> new LongOps.DropWhile(c, predicate));
  }

  /**
   * Runs {@code action} on each element as it passes (for logging or counting); elements are unchanged.
   *
   * @param action the action run on each element
   * @return the same elements, with {@code action} run on each as it passes
   */
  public final LongSeq peek(LongConsumer action) {
    Objects.requireNonNull(action, "action");
    return then(".peek(..)", c -> new LongOps.Map(c, x -> {
      action.accept(x);
      return x;
    }));
  }

  /**
   * This sequence, also running {@code action} each time one of its iterations closes.
   *
   * <pre>{@code
   * LongSeq ids = LongSeq.range(0, 100).onClose(() -> log.info("ids done"));
   * }</pre>
   *
   * @param action run each time an iteration of this sequence closes
   * @return this sequence, also running {@code action} each time one of its iterations closes
   */
  public final LongSeq onClose(Runnable action) {
    Objects.requireNonNull(action, "action");
    return new Stage(kind, ".onClose(..)", true, () -> new LongOps.OnClose(openCursor(), action), this);
  }

  /**
   * The elements as {@code double}s.
   *
   * <pre>{@code
   * DoubleSeq halves = LongSeq.range(0, 4).asDoubleSeq().map(x -> x / 2);   // 0.0, 0.5, 1.0, 1.5
   * }</pre>
   *
   * @return the elements as {@code double}s
   */
  public final DoubleSeq asDoubleSeq() {
    return DoubleSeq.over(this, ".asDoubleSeq()", x -> (double) x);
  }

  /**
   * The elements as a {@code Seq<Long>}, boxed one at a time as they leave this sequence.
   *
   * <pre>{@code
   * Seq<List<Long>> pairs = LongSeq.range(0, 6).boxed().batch(2);
   * }</pre>
   *
   * @return the elements as a {@code Seq<Long>}, boxed one at a time as they leave this sequence
   */
  public final Seq<Long> boxed() {
    return Seq.stage(".boxed()", this::openCursor, this);
  }

  /**
   * Each element turned into an object.
   *
   * <pre>{@code
   * Seq<String> hex = LongSeq.range(250, 260).mapToObj(Long::toHexString);
   * }</pre>
   *
   * @param <R> the type of the results
   * @param mapper the function applied to each element
   * @return each element turned into an object
   */
  public final <R> Seq<R> mapToObj(LongFunction<? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return Seq.stage(".mapToObj(..)", () -> new LongOps.ToObjects<R>(openCursor(), mapper), this);
  }

  // -------------------------------------------------------------------------------------------- terminals

  /** A mutable {@code long} for the folds below (one per terminal call, never per element). */
  private static final class Fold {
    long value;
    long count;
  }

  /**
   * The sum of the elements; overflow wraps around, as in {@code LongStream.sum()} and {@code +}.
   *
   * <pre>{@code
   * LongSeq.range(1, 101).sum();   // 5050
   * }</pre>
   *
   * @return the sum of the elements; overflow wraps around, as in {@code LongStream.sum()} and {@code +}
   */
  public final long sum() {
    return terminal(c -> {
      Fold fold = new Fold();
      c.pushAll(x -> fold.value += x);
      return fold.value;
    });
  }

  /**
   * The number of elements (the whole pipeline runs). {@code LongSeq.range(0, 10).count() == 10}
   *
   * @return the number of elements (the whole pipeline runs)
   */
  public final long count() {
    return terminal(c -> {
      Fold fold = new Fold();
      c.pushAll(x -> fold.count++);
      return fold.count;
    });
  }

  /**
   * Folds the elements into one value, starting from {@code identity}.
   *
   * <pre>{@code
   * LongSeq.range(1, 6).reduce(1, (a, b) -> a * b);   // 120
   * }</pre>
   *
   * @param identity the result for no elements, and the first value combined
   * @param accumulator the function that combines the result so far with the next element
   * @return the elements folded into one value, starting from {@code identity}
   */
  public final long reduce(long identity, LongBinaryOperator accumulator) {
    Objects.requireNonNull(accumulator, "accumulator");
    return terminal(c -> {
      Fold fold = new Fold();
      fold.value = identity;
      c.pushAll(x -> fold.value = accumulator.applyAsLong(fold.value, x));
      return fold.value;
    });
  }

  /**
   * Folds the elements pairwise; empty if there are none.
   *
   * <pre>{@code
   * LongSeq.of(3, 9, 4).reduce(Math::max);   // OptionalLong[9]
   * }</pre>
   *
   * @param accumulator the function that combines the result so far with the next element
   * @return the elements folded pairwise; empty if there are none
   */
  public final OptionalLong reduce(LongBinaryOperator accumulator) {
    Objects.requireNonNull(accumulator, "accumulator");
    return terminal(c -> {
      Fold fold = new Fold();
      c.pushAll(x -> fold.value = fold.count++ == 0 ? x : accumulator.applyAsLong(fold.value, x));
      return fold.count == 0 ? OptionalLong.empty() : OptionalLong.of(fold.value);
    });
  }

  /**
   * The first element, or empty if there is none; only as much of the pipeline runs as that takes.
   *
   * <pre>{@code
   * LongSeq.iterate(1, x -> x * 2).filter(x -> x > 1000).first();   // OptionalLong[1024]
   * }</pre>
   *
   * @return the first element, or empty if there is none; only as much of the pipeline runs as that takes
   */
  public final OptionalLong first() {
    return terminal(c -> {
      Fold fold = new Fold();
      c.pushLongWhile(x -> {
        fold.value = x;
        fold.count = 1;
        return false;
      });
      return fold.count == 0 ? OptionalLong.empty() : OptionalLong.of(fold.value);
    });
  }

  /**
   * Whether some element matches; stops (and closes the iteration) at the first that does.
   *
   * <pre>{@code
   * LongSeq.range(0, 1_000_000).anyMatch(x -> x * x > 1000);   // true after 32 elements
   * }</pre>
   *
   * @param predicate the condition each element is tested against
   * @return whether some element matches; stops (and closes the iteration) at the first that does
   */
  public final boolean anyMatch(LongPredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return terminal(c -> !c.pushLongWhile(x -> !predicate.test(x)));
  }

  /**
   * Whether every element matches (true for none); stops at the first that does not.
   *
   * @param predicate the condition each element is tested against
   * @return whether every element matches (true for none); stops at the first that does not
   */
  public final boolean allMatch(LongPredicate predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return terminal(c -> c.pushLongWhile(predicate::test));
  }

  /**
   * Whether no element matches (true for none); stops at the first that does.
   *
   * @param predicate the condition each element is tested against
   * @return whether no element matches (true for none); stops at the first that does
   */
  public final boolean noneMatch(LongPredicate predicate) {
    return !anyMatch(predicate);
  }

  /**
   * Runs {@code action} on every element, then closes the iteration.
   *
   * <pre>{@code
   * LongSeq.range(0, 3).forEach(System.out::println);
   * }</pre>
   *
   * @param action the action run on each element
   */
  public final void forEach(LongConsumer action) {
    Objects.requireNonNull(action, "action");
    terminal(c -> {
      c.pushAll(action);
      return null;
    });
  }

  /**
   * All elements in a new array.
   *
   * <pre>{@code
   * long[] squares = LongSeq.range(0, 4).map(x -> x * x).toArray();   // [0, 1, 4, 9]
   * }</pre>
   *
   * @return all elements in a new array
   */
  public final long[] toArray() {
    return terminal(c -> {
      LongArrayBuilder out = new LongArrayBuilder();
      c.pushAll(out);
      return out.build();
    });
  }

  /**
   * All elements, boxed, in an immutable list; only the elements that reach the list are boxed.
   *
   * <pre>{@code
   * List<Long> evens = LongSeq.range(0, 10).filter(x -> x % 2 == 0).toList();   // [0, 2, 4, 6, 8]
   * }</pre>
   *
   * @return all elements, boxed, in an immutable list; only the elements that reach the list are boxed
   */
  public final List<Long> toList() {
    return toList(Long::valueOf);
  }

  /**
   * The elements boxed by {@code box} into an immutable list, as an iteration of this node, so that closing it
   * stops a running {@code toList} ({@link IntSeq#toList()} and {@link DoubleSeq#toList()} use it).
   */
  final <R> List<R> toList(LongFunction<? extends R> box) {
    return terminal(c -> {
      ListBuilder<R> out = new ListBuilder<>();
      c.pushAll(x -> out.accept(box.apply(x)));
      return out.build();
    });
  }

  /**
   * A new iteration as a primitive iterator. It closes itself when exhausted or when the pipeline throws; if you
   * stop early, close the LongSeq (try-with-resources).
   *
   * <pre>{@code
   * PrimitiveIterator.OfLong it = LongSeq.range(0, 3).iterator();
   * while (it.hasNext()) { long x = it.nextLong(); }
   * }</pre>
   *
   * @return a new iteration as a primitive iterator
   */
  public final PrimitiveIterator.OfLong iterator() {
    return new Pull.Unboxed(openIteration(), this);
  }

  /**
   * Closes every iteration started from this LongSeq that is still open (releasing the resources of the Seqs it was
   * built from that those iterations opened). The sequences it was built from stay open and usable, with their other
   * iterations; only a one-shot source never iterated is released. A closed LongSeq cannot be iterated again.
   * Idempotent.
   */
  @Override
  public final void close() {
    closePipeline();
  }

  /**
   * Describes the pipeline without running it, e.g. {@code LongSeq.range(0, 10).map(..).take(3)}, with
   * {@code " (closed)"} once closed.
   */
  @Override
  public String toString() {
    return describe();
  }

  /** The growable {@code long[]} of {@link #toArray()}: doubles, then trims once. */
  private static final class LongArrayBuilder implements LongConsumer {
    private long[] values = new long[16];
    private int size;

    @Override
    public void accept(long value) {
      if (size == values.length) {
        if (size == Integer.MAX_VALUE - 8) {
          throw new OutOfMemoryError("toArray: more than " + size + " elements do not fit an array");
        }
        values = Arrays.copyOf(values, (int) Math.min((long) size * 2, Integer.MAX_VALUE - 8));
      }
      values[size++] = value;
    }

    long[] build() {
      return size == values.length ? values : Arrays.copyOf(values, size);
    }
  }
}
