package dev.sloth.seq;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A lazy, pull-based sequence that always closes its resources.
 *
 * <pre>{@code
 * try (Seq<List<Request>> batches = Seq.lines(Path.of("access.log"))
 *     .map(Request::parse)
 *     .filter(r -> r.status() >= 500)
 *     .dedupe(Request::ip)
 *     .batch(100)) {
 *   for (List<Request> batch : batches) {
 *     alerts.send(batch);            // one line at a time flows through; the file closes however this ends
 *   }
 * }
 * }</pre>
 *
 * <h2>A Seq is a description</h2>
 * Building a Seq runs nothing. Each iteration ({@link #iterator()}, or any terminal such as {@link #toList()})
 * opens the pipeline afresh: its sources open their resources then, and close them when the iteration ends, on
 * exhaustion, on early termination ({@link #take}, {@link #first}, {@link #takeWhile}), or on an exception
 * anywhere in the pipeline, including inside {@link #flatMap}'s inner sequences and both sides of {@link #zip}.
 * A {@code for} loop that leaves early (break, return, or an exception in its body) cannot be seen by the Seq:
 * put the Seq in try-with-resources, and {@link #close()} closes every iteration still open.
 *
 * <h2>Re-iterable or one-shot</h2>
 * Sequences built from values, ranges, {@link Iterable}s, generator functions, files and paged sources are
 * re-iterable: every iteration starts over (re-reading the file, re-fetching the pages). Sequences built from a
 * single {@link Iterator} ({@link #fromIterator}) or {@link Stream} ({@link #fromStream}) are one-shot: a second
 * iteration throws {@link IllegalStateException}. A closed Seq cannot be iterated again.
 *
 * <h2>Terminals push, iterators pull</h2>
 * {@code forEach}, {@code toList}, {@code count}, {@code reduce} and {@code first} push elements through the
 * pipeline in one fused loop; {@code iterator()} pulls them one at a time. Neither allocates per element in
 * map/filter chains.
 *
 * <h2>Numbers</h2>
 * A {@code Seq<Long>} boxes every element. For numeric pipelines use {@link LongSeq} ({@code LongSeq.range},
 * or {@link #mapToLong} from any Seq), which keeps them as primitive {@code long}s under the same rules.
 *
 * @param <T> the type of the elements
 */
public abstract class Seq<T> extends Pipeline<Cursor<T>> implements Iterable<T>, AutoCloseable {
  Seq(String label, boolean opensResources, Pipeline<?>... upstream) {
    super(label, opensResources, upstream);
  }

  @Override
  final String kind() {
    return "Seq";
  }

  /** A stage defined by how it opens its cursor. */
  private static final class Stage<T> extends Seq<T> {
    private final Supplier<Cursor<T>> opener;

    Stage(String label, boolean opensResources, Supplier<Cursor<T>> opener, Pipeline<?>... upstream) {
      super(label, opensResources, upstream);
      this.opener = opener;
    }

    @Override
    Cursor<T> open() {
      return opener.get();
    }

    @Override
    void abandon() {
      if (opener instanceof Once<?> once) {
        once.abandon();
      }
    }
  }

  private static <T> Seq<T> source(String label, Supplier<Cursor<T>> opener) {
    return new Stage<>(label, false, opener);
  }

  private static <T> Seq<T> resource(String label, Supplier<Cursor<T>> opener) {
    return new Stage<>(label, true, opener);
  }

  private <R> Seq<R> then(String label, Function<Cursor<T>, Cursor<R>> stage) {
    return new Stage<>(label, false, () -> stage.apply(openCursor()), this);
  }

  private static <T> Seq<T> oneShot(String label, String what, Supplier<Cursor<T>> opener, Runnable release) {
    return new Stage<>(label, true, once("Seq", what, "Seq.from(iterable) or Seq.using(...)", opener, release));
  }

  /** A Seq stage over another node's cursors (used by {@link LongSeq#boxed()} and {@link LongSeq#mapToObj}). */
  static <T> Seq<T> stage(String label, Supplier<Cursor<T>> opener, Pipeline<?> upstream) {
    return new Stage<>(label, false, opener, upstream);
  }

  // ---------------------------------------------------------------------------------------------- sources

  /**
   * The given values (copied: later changes to the array do not show).
   *
   * <pre>{@code
   * Seq<String> s = Seq.of("a", "b", "c");
   * }</pre>
   *
   * @param <T> the type of the elements
   * @param values the elements, copied
   * @return the given values (copied: later changes to the array do not show)
   */
  @SafeVarargs
  public static <T> Seq<T> of(T... values) {
    Objects.requireNonNull(values, "values");
    Object[] copy = new Object[values.length];
    for (int i = 0; i < values.length; i++) {
      copy[i] = values[i];
    }
    return source("Seq.of(" + copy.length + " values)", () -> new Sources.ArrayCursor<T>(copy));
  }

  /**
   * The empty sequence. {@code Seq.<String>empty().count() == 0}
   *
   * @param <T> the type of the elements
   * @return the empty sequence
   */
  public static <T> Seq<T> empty() {
    return of();
  }

  /**
   * {@code start, start + 1, ..., end - 1}; empty if {@code end <= start}.
   *
   * <pre>{@code
   * Seq.range(0, 3).toList();   // [0, 1, 2]
   * }</pre>
   *
   * @param startInclusive the first element
   * @param endExclusive the element after the last one
   * @return {@code start, start + 1, ..., end - 1}; empty if {@code end <= start}
   */
  public static Seq<Integer> range(int startInclusive, int endExclusive) {
    return source("Seq.range(" + startInclusive + ", " + endExclusive + ")",
        () -> new Sources.Range<>(startInclusive, endExclusive, i -> (int) i));
  }

  /**
   * {@code start, start + 1, ..., end - 1} as Longs; empty if {@code end <= start}.
   *
   * <pre>{@code
   * Seq.range(0L, 10_000_000L).map(x -> x * x)
   * }</pre>
   *
   * @param startInclusive the first element
   * @param endExclusive the element after the last one
   * @return {@code start, start + 1, ..., end - 1} as Longs; empty if {@code end <= start}
   */
  public static Seq<Long> range(long startInclusive, long endExclusive) {
    return source("Seq.range(" + startInclusive + "L, " + endExclusive + "L)",
        () -> new Sources.Range<>(startInclusive, endExclusive, Long::valueOf));
  }

  /**
   * The elements of an Iterable; re-iterable (each iteration calls {@code iterable.iterator()}).
   *
   * <pre>{@code
   * Seq<String> names = Seq.from(List.of("ada", "bob"));
   * }</pre>
   *
   * @param <T> the type of the elements
   * @param iterable the elements, asked for a new iterator each iteration
   * @return the elements of an Iterable; re-iterable (each iteration calls {@code iterable.iterator()})
   */
  public static <T> Seq<T> from(Iterable<? extends T> iterable) {
    Objects.requireNonNull(iterable, "iterable");
    return source("Seq.from(iterable)", () -> new Sources.IteratorCursor<>(iterable.iterator(), null));
  }

  /**
   * The remaining elements of one Iterator: one-shot, a second iteration throws.
   *
   * <pre>{@code
   * Seq<Row> rows = Seq.fromIterator(resultSetIterator);
   * }</pre>
   *
   * @param <T> the type of the elements
   * @param iterator the iterator, consumed by the first iteration
   * @return the remaining elements of one Iterator: one-shot, a second iteration throws
   */
  public static <T> Seq<T> fromIterator(Iterator<? extends T> iterator) {
    Objects.requireNonNull(iterator, "iterator");
    return oneShot("Seq.fromIterator(iterator)", "an Iterator",
        () -> new Sources.IteratorCursor<>(iterator, null), () -> {});
  }

  /**
   * The elements of one Stream: one-shot; closing the iteration closes the stream (running its onClose handlers).
   *
   * <pre>{@code
   * Seq<Path> files = Seq.fromStream(Files.list(dir));
   * }</pre>
   *
   * @param <T> the type of the elements
   * @param stream the stream, consumed by the first iteration
   * @return the elements of one Stream: one-shot; closing the iteration closes the stream (running its onClose
   *     handlers)
   */
  public static <T> Seq<T> fromStream(Stream<? extends T> stream) {
    Objects.requireNonNull(stream, "stream");
    return oneShot("Seq.fromStream(stream)", "a Stream",
        () -> new Sources.IteratorCursor<>(stream.iterator(), stream), stream::close);
  }

  /**
   * An endless sequence of {@code supplier.get()}, called once per element pulled.
   *
   * <pre>{@code
   * Seq<Double> noise = Seq.generate(random::nextDouble).take(3);
   * }</pre>
   *
   * @param <T> the type of the elements
   * @param supplier called once for each element pulled
   * @return an endless sequence of {@code supplier.get()}, called once per element pulled
   */
  public static <T> Seq<T> generate(Supplier<? extends T> supplier) {
    Objects.requireNonNull(supplier, "supplier");
    return source("Seq.generate(..)", () -> new Sources.Generate<>(supplier));
  }

  /**
   * The endless sequence {@code seed, next(seed), next(next(seed)), ...}.
   *
   * <pre>{@code
   * Seq<Integer> powers = Seq.iterate(1, x -> x * 2);   // 1, 2, 4, 8, ...
   * }</pre>
   *
   * @param <T> the type of the elements
   * @param seed the first element
   * @param next the function that makes each element from the one before
   * @return the endless sequence {@code seed, next(seed), next(next(seed)), ...}
   */
  public static <T> Seq<T> iterate(T seed, UnaryOperator<T> next) {
    return iterate(seed, x -> true, next);
  }

  /**
   * {@code seed, next(seed), ...} while {@code hasNext} accepts the element (like a {@code for} loop).
   *
   * <pre>{@code
   * Seq<Integer> digits = Seq.iterate(0, i -> i < 10, i -> i + 1);
   * }</pre>
   *
   * @param <T> the type of the elements
   * @param seed the first element
   * @param hasNext whether an element is still part of the sequence
   * @param next the function that makes each element from the one before
   * @return {@code seed, next(seed), ...} while {@code hasNext} accepts the element (like a {@code for} loop)
   */
  public static <T> Seq<T> iterate(T seed, Predicate<? super T> hasNext, UnaryOperator<T> next) {
    Objects.requireNonNull(hasNext, "hasNext");
    Objects.requireNonNull(next, "next");
    return source("Seq.iterate(..)", () -> new Sources.Iterate<>(seed, hasNext, next));
  }

  /**
   * Elements produced from a state: {@code step(state)} returns the next element and the next state, or empty
   * to end.
   *
   * <pre>{@code
   * Seq<Integer> fib = Seq.unfold(new int[] {0, 1},
   *     s -> Optional.of(Map.entry(s[0], new int[] {s[1], s[0] + s[1]})));
   * }</pre>
   *
   * @param <S> the type of the state
   * @param <T> the type of the elements
   * @param seed the state the first element is made from
   * @param step the function from a state to the next element and state, or empty to end
   * @return elements produced from a state: {@code step(state)} returns the next element and the next state, or empty
   *     to end
   */
  public static <S, T> Seq<T> unfold(S seed, Function<? super S, Optional<Map.Entry<T, S>>> step) {
    Objects.requireNonNull(step, "step");
    return source("Seq.unfold(..)", () -> new Sources.Unfold<>(seed, step));
  }

  /**
   * The lines of a UTF-8 text file, read on demand. Each iteration opens the file; it closes when the
   * iteration ends, however it ends.
   *
   * <pre>{@code
   * long errors = Seq.lines(Path.of("app.log")).filter(l -> l.contains("ERROR")).count();
   * }</pre>
   *
   * @param path the file to read
   * @return the lines of a UTF-8 text file, read on demand
   */
  public static Seq<String> lines(Path path) {
    return lines(path, StandardCharsets.UTF_8);
  }

  /**
   * The lines of a text file in {@code charset}; see {@link #lines(Path)}.
   *
   * @param path the file to read
   * @param charset the file's character set
   * @return the lines of a text file in {@code charset}; see {@link #lines(Path)}
   */
  public static Seq<String> lines(Path path, Charset charset) {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(charset, "charset");
    return resource("Seq.lines(" + path + ")", () -> new Sources.Lines(path, charset));
  }

  /**
   * A sequence over a resource: each iteration calls {@code open}, iterates {@code elements.apply(resource)},
   * and closes the resource when the iteration ends, however it ends.
   *
   * <pre>{@code
   * Seq<Row> rows = Seq.using(() -> db.query(sql), ResultSetRows::iterator);
   * }</pre>
   *
   * @param <R> the type of the results
   * @param <T> the type of the elements
   * @param open the code that opens the resource, once per iteration
   * @param elements the function that gives the resource's elements
   * @return a sequence over a resource: each iteration calls {@code open}, iterates {@code elements.apply(resource)},
   *     and closes the resource when the iteration ends, however it ends
   */
  public static <R extends AutoCloseable, T> Seq<T> using(
      Supplier<? extends R> open, Function<? super R, ? extends Iterator<? extends T>> elements) {
    Objects.requireNonNull(open, "open");
    Objects.requireNonNull(elements, "elements");
    return resource("Seq.using(..)", () -> {
      R r = Objects.requireNonNull(open.get(), "using: open returned null instead of a resource");
      try {
        Iterator<? extends T> it = Objects.requireNonNull(elements.apply(r),
            "using: elements returned null instead of an Iterator");
        return new Sources.IteratorCursor<>(it, r);
      } catch (Throwable t) {
        try {
          Cursor.closeResource(r);
        } catch (Throwable c) {
          Cursor.suppress(t, c);
        }
        throw t;
      }
    });
  }

  /**
   * The items of a paginated asynchronous source, starting from the page whose cursor is {@code null}; see
   * {@link #paged(Object, int, Function)}.
   *
   * <pre>{@code
   * Seq<User> users = Seq.paged(token -> api.users(token));   // CompletableFuture<Page<User, String>>
   * }</pre>
   *
   * @param <T> the type of the elements
   * @param <C> the type of the page cursor
   * @param fetch the function that requests the page for a cursor
   * @return the items of a paginated asynchronous source, starting from the page whose cursor is {@code null}; see
   *     {@link #paged(Object, int, Function)}
   */
  public static <T, C> Seq<T> paged(Function<? super C, ? extends CompletableFuture<Page<T, C>>> fetch) {
    return paged(null, 1, fetch);
  }

  /**
   * The items of a paginated source starting at {@code firstCursor}, one page prefetched.
   *
   * @param <T> the type of the elements
   * @param <C> the type of the page cursor
   * @param firstCursor the cursor of the first page
   * @param fetch the function that requests the page for a cursor
   * @return the items of a paginated source starting at {@code firstCursor}, one page prefetched
   */
  public static <T, C> Seq<T> paged(C firstCursor,
      Function<? super C, ? extends CompletableFuture<Page<T, C>>> fetch) {
    return paged(firstCursor, 1, fetch);
  }

  /**
   * The items of a paginated asynchronous source. Pages are fetched on demand, each by calling {@code fetch}
   * on a virtual thread, with at most {@code prefetch} pages requested ahead of the page being consumed. When the
   * consumer stops, no more pages are requested; closing the iteration cancels the in-flight fetches (the future
   * {@code fetch} returned is cancelled, a {@code fetch} call still blocked before returning it is interrupted).
   * A failed fetch is thrown when the consumer reaches that page (a RuntimeException or Error unchanged, a checked
   * exception wrapped in CompletionException).
   *
   * <pre>{@code
   * Seq<Order> orders = Seq.paged(0, 2, page -> shop.orders(page));   // page numbers, two pages ahead
   * }</pre>
   *
   * @param prefetch how many pages to request ahead of the one being consumed; {@code 0} fetches strictly on
   *     demand
   * @param <T> the type of the elements
   * @param <C> the type of the page cursor
   * @param firstCursor the cursor of the first page
   * @param fetch the function that requests the page for a cursor
   * @return the items of a paginated asynchronous source
   */
  public static <T, C> Seq<T> paged(C firstCursor, int prefetch,
      Function<? super C, ? extends CompletableFuture<Page<T, C>>> fetch) {
    Objects.requireNonNull(fetch, "fetch");
    if (prefetch < 0) {
      throw new IllegalArgumentException("paged: prefetch must be >= 0 pages but was " + prefetch);
    }
    return resource("Seq.paged(prefetch " + prefetch + ", ..)",
        () -> new Paging<>(firstCursor, prefetch, fetch));
  }

  // ------------------------------------------------------------------------------------------- operations

  /**
   * Each element transformed. {@code Seq.of(1, 2).map(x -> x * 10)} is 10, 20.
   *
   * @param <R> the type of the results
   * @param mapper the function applied to each element
   * @return each element transformed
   */
  public final <R> Seq<R> map(Function<? super T, ? extends R> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return then(".map(..)", c -> new Ops.Map<>(c, mapper));
  }

  /**
   * Each element turned into a primitive {@code long}: the rest of the pipeline runs unboxed.
   *
   * <pre>{@code
   * long bytes = Seq.lines(path).mapToLong(String::length).sum();
   * }</pre>
   *
   * @param mapper the function applied to each element
   * @return each element turned into a primitive {@code long}: the rest of the pipeline runs unboxed
   */
  public final LongSeq mapToLong(ToLongFunction<? super T> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return LongSeq.stage(".mapToLong(..)", () -> new LongOps.FromObjects<>(openCursor(), mapper), this);
  }

  /**
   * Each element turned into a primitive {@code int}: the rest of the pipeline runs unboxed.
   *
   * <pre>{@code
   * int longest = Seq.lines(path).mapToInt(String::length).reduce(0, Math::max);
   * }</pre>
   *
   * @param mapper the function applied to each element
   * @return each element turned into a primitive {@code int}: the rest of the pipeline runs unboxed
   */
  public final IntSeq mapToInt(java.util.function.ToIntFunction<? super T> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return IntSeq.over(LongSeq.stage("IntSeq", ".mapToInt(..)",
        () -> new LongOps.FromObjects<T>(openCursor(), mapper::applyAsInt), this));
  }

  /**
   * Each element turned into a primitive {@code double}: the rest of the pipeline runs unboxed.
   *
   * <pre>{@code
   * double total = Seq.lines(prices).mapToDouble(Double::parseDouble).sum();
   * }</pre>
   *
   * @param mapper the function applied to each element
   * @return each element turned into a primitive {@code double}: the rest of the pipeline runs unboxed
   */
  public final DoubleSeq mapToDouble(java.util.function.ToDoubleFunction<? super T> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return DoubleSeq.ofBits(LongSeq.stage("DoubleSeq", ".mapToDouble(..)", () -> new LongOps.FromObjects<T>(
        openCursor(), x -> Double.doubleToRawLongBits(mapper.applyAsDouble(x))), this));
  }

  /**
   * The elements that match. {@code Seq.range(0, 10).filter(x -> x % 2 == 0)} is 0, 2, 4, 6, 8.
   *
   * @param predicate the condition each element is tested against
   * @return the elements that match
   */
  public final Seq<T> filter(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return then(".filter(..)", c -> new Ops.Filter<>(c, predicate));
  }

  /**
   * Each element replaced by the elements of the Seq {@code mapper} returns for it; each inner Seq is opened
   * when reached and closed when exhausted, or when the whole iteration closes.
   *
   * <pre>{@code
   * Seq<String> allLines = Seq.of(a, b).flatMap(Seq::lines);
   * }</pre>
   *
   * @param <R> the type of the results
   * @param mapper the function applied to each element
   * @return each element replaced by the elements of the Seq {@code mapper} returns for it; each inner Seq is opened
   *     when reached and closed when exhausted, or when the whole iteration closes
   */
  public final <R> Seq<R> flatMap(Function<? super T, ? extends Seq<? extends R>> mapper) {
    Objects.requireNonNull(mapper, "mapper");
    return new Stage<>(".flatMap(..)", true, () -> new Ops.FlatMap<>(openCursor(), mapper), this);
  }

  /**
   * At most the first {@code n} elements; upstream resources close as soon as the n-th is delivered.
   *
   * <pre>{@code
   * Seq.iterate(1, x -> x + 1).take(3).toList();   // [1, 2, 3]
   * }</pre>
   *
   * @param n the number of elements
   * @return at most the first {@code n} elements; upstream resources close as soon as the n-th is delivered
   */
  public final Seq<T> take(long n) {
    checkCount("take", n);
    return then(".take(" + n + ")", c -> new Ops.Take<>(c, n));
  }

  /**
   * The leading elements that match; stops (and closes upstream) at the first that does not.
   *
   * @param predicate the condition each element is tested against
   * @return the leading elements that match; stops (and closes upstream) at the first that does not
   */
  public final Seq<T> takeWhile(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return then(".takeWhile(..)", c -> new Ops.TakeWhile<>(c, predicate));
  }

  /**
   * All but the first {@code n} elements. {@code Seq.range(0, 5).drop(2)} is 2, 3, 4.
   *
   * @param n the number of elements
   * @return all but the first {@code n} elements
   */
  public final Seq<T> drop(long n) {
    checkCount("drop", n);
    return then(".drop(" + n + ")", c -> new Ops.Drop<>(c, n));
  }

  /**
   * The elements from the first that does not match on. {@code Seq.of(1, 2, 5, 1).dropWhile(x -> x < 3)} is 5, 1.
   *
   * @param predicate the condition each element is tested against
   * @return the elements from the first that does not match on
   */
  public final Seq<T> dropWhile(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return then(".dropWhile(..)", c -> new Ops.DropWhile<>(c, predicate));
  }

  /**
   * Pairs of elements at the same position, combined; as long as the shorter side. Both sides close when
   * either ends.
   *
   * <pre>{@code
   * Seq.of("a", "b", "c").zip(Seq.range(1, 3), (s, i) -> s + i).toList();   // [a1, b2]
   * }</pre>
   *
   * @param <U> the type of the other side's elements
   * @param <R> the type of the results
   * @param other the other sequence
   * @param combiner the function that combines an element of each side
   * @return pairs of elements at the same position, combined; as long as the shorter side
   */
  public final <U, R> Seq<R> zip(Seq<U> other, BiFunction<? super T, ? super U, ? extends R> combiner) {
    Objects.requireNonNull(other, "other");
    Objects.requireNonNull(combiner, "combiner");
    return new Stage<>(".zip(" + OTHER + ", ..)", false, () -> {
      Cursor<T> left = openCursor();
      Cursor<U> right;
      try {
        right = other.openCursor();
      } catch (Throwable t) {
        Cursor.closeAfter(left, t);
        throw t;
      }
      return new Ops.Zip<>(left, right, combiner);
    }, this, other);
  }

  /**
   * This sequence's elements, then {@code other}'s; {@code other} is opened only when this one is exhausted (and
   * closed).
   *
   * <pre>{@code
   * Seq<String> both = Seq.lines(jan).concat(Seq.lines(feb));
   * }</pre>
   *
   * @param other the other sequence
   * @return this sequence's elements, then {@code other}'s; {@code other} is opened only when this one is exhausted
   *     (and closed)
   */
  public final Seq<T> concat(Seq<? extends T> other) {
    Objects.requireNonNull(other, "other");
    return new Concatenation<>(this, other);
  }

  /**
   * {@code first.concat(second)}. Opening a concat whose first part is itself a concat opens one cursor over all
   * the parts, so a loop of many concats ({@code all = all.concat(next)}) nests no cursors: opening, pulling and
   * closing it take constant stack, however many parts it has.
   */
  private static final class Concatenation<T> extends Seq<T> {
    private final Seq<? extends T> first;
    private final Seq<? extends T> second;

    Concatenation(Seq<? extends T> first, Seq<? extends T> second) {
      super(".concat(" + OTHER + ")", false, first, second);
      this.first = first;
      this.second = second;
    }

    @Override
    @SuppressWarnings("unchecked")
    Cursor<T> open() {
      ArrayDeque<Seq<? extends T>> rest = new ArrayDeque<>();
      rest.addFirst(second);
      Seq<? extends T> head = first;
      while (head instanceof Concatenation<?> inner) {
        inner.checkOpen(); // as opening it would: a closed Seq is not iterated through Seqs built on it
        rest.addFirst(((Concatenation<? extends T>) inner).second);
        head = ((Concatenation<? extends T>) inner).first;
      }
      return new Ops.Concat<>(head.openCursor(), rest);
    }
  }


  /**
   * Runs {@code action} on each element as it passes (for logging or counting); elements are unchanged.
   *
   * @param action the action run on each element
   * @return the same elements, with {@code action} run on each as it passes
   */
  public final Seq<T> peek(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    return then(".peek(..)", c -> new Ops.Map<>(c, x -> {
      action.accept(x);
      return x;
    }));
  }

  /**
   * Consecutive groups of {@code size} elements, as immutable lists; the last may be shorter.
   *
   * <pre>{@code
   * Seq.range(0, 5).batch(2).toList();   // [[0, 1], [2, 3], [4]]
   * }</pre>
   *
   * @param size the number of elements per batch
   * @return consecutive groups of {@code size} elements, as immutable lists; the last may be shorter
   */
  public final Seq<List<T>> batch(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("batch(size): size must be positive but was " + size);
    }
    return then(".batch(" + size + ")", c -> new Ops.Batch<>(c, size));
  }

  /**
   * Every run of {@code size} consecutive elements, sliding by one, as immutable lists; empty if there are fewer
   * than {@code size} elements.
   *
   * <pre>{@code
   * Seq.range(0, 4).windowSliding(2).toList();   // [[0, 1], [1, 2], [2, 3]]
   * }</pre>
   *
   * @param size the number of elements in each window
   * @return every run of {@code size} consecutive elements, sliding by one, as immutable lists; empty if there are
   *     fewer than {@code size} elements
   */
  public final Seq<List<T>> windowSliding(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("windowSliding(size): size must be positive but was " + size);
    }
    return then(".windowSliding(" + size + ")", c -> new Ops.WindowSliding<>(c, size));
  }

  /**
   * The elements not seen before in this iteration (by {@code equals}), in order. Remembers every distinct
   * element; see {@link #dedupe(Function)}.
   *
   * <pre>{@code
   * Seq.of(1, 2, 1, 3, 2).dedupe().toList();   // [1, 2, 3]
   * }</pre>
   *
   * @return the elements not seen before in this iteration (by {@code equals}), in order
   */
  public final Seq<T> dedupe() {
    return dedupe(Function.identity());
  }

  /**
   * The first element for each distinct key, in order. Remembers every
   * distinct key seen in the iteration.
   *
   * <pre>{@code
   * Seq<Request> firstPerIp = requests.dedupe(Request::ip);
   * }</pre>
   *
   * @param key the function that gives each element's key
   * @return the first element for each distinct key, in order
   */
  public final Seq<T> dedupe(Function<? super T, ?> key) {
    Objects.requireNonNull(key, "key");
    return then(key == Function.identity() ? ".dedupe()" : ".dedupe(..)", c -> {
      Set<Object> seen = new HashSet<>();
      return new Ops.Filter<>(c, x -> seen.add(key.apply(x)));
    });
  }

  /**
   * The elements in their natural order (stable: equal elements keep their order). The first element pulled reads
   * the whole upstream (which must be finite) and closes it; {@code null} elements are not allowed.
   *
   * <pre>{@code
   * Seq.of(3, 1, 2).sorted().toList();   // [1, 2, 3]
   * }</pre>
   *
   * @throws ClassCastException when iterated, if the elements are not {@link Comparable}
   * @return the elements in their natural order (stable: equal elements keep their order)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public final Seq<T> sorted() {
    java.util.Comparator<? super T> natural = (java.util.Comparator) java.util.Comparator.naturalOrder();
    return then(".sorted()", c -> new Ops.Sorted<>(c, natural));
  }

  /**
   * The elements in the order of {@code comparator} (stable); reads the whole upstream at the first pull, as
   * {@link #sorted()}.
   *
   * <pre>{@code
   * Seq.of("bb", "a", "ccc").sorted(Comparator.comparing(String::length)).toList();   // [a, bb, ccc]
   * }</pre>
   *
   * @param comparator the order of the elements
   * @return the elements in the order of {@code comparator} (stable); reads the whole upstream at the first pull, as
   *     {@link #sorted()}
   */
  public final Seq<T> sorted(java.util.Comparator<? super T> comparator) {
    Objects.requireNonNull(comparator, "comparator");
    return then(".sorted(..)", c -> new Ops.Sorted<>(c, comparator));
  }

  /**
   * Runs of consecutive elements with equal keys, as immutable lists (like Python's {@code itertools.groupby}).
   *
   * <pre>{@code
   * Seq.of("apple", "avocado", "banana", "apricot").chunkBy(s -> s.charAt(0)).toList();
   * // [[apple, avocado], [banana], [apricot]]
   * }</pre>
   *
   * @param key the function that gives each element's key
   * @return runs of consecutive elements with equal keys, as immutable lists (like Python's {@code itertools.groupby})
   */
  public final Seq<List<T>> chunkBy(Function<? super T, ?> key) {
    Objects.requireNonNull(key, "key");
    return then(".chunkBy(..)", c -> new Ops.ChunkBy<>(c, key));
  }

  /**
   * Each element with its position, counting from 0.
   *
   * <pre>{@code
   * for (Seq.Indexed<String> line : Seq.lines(path).enumerate()) {
   *   System.out.println(line.index() + ": " + line.value());
   * }
   * }</pre>
   *
   * @return each element with its position, counting from 0
   */
  public final Seq<Indexed<T>> enumerate() {
    return then(".enumerate()", c -> {
      long[] index = {0};
      return new Ops.Map<>(c, x -> new Indexed<>(index[0]++, x));
    });
  }

  /**
   * This sequence, also running {@code action} each time one of its iterations closes.
   *
   * <pre>{@code
   * Seq<String> s = Seq.lines(path).onClose(() -> log.info("done with " + path));
   * }</pre>
   *
   * @param action run each time an iteration of this sequence closes
   * @return this sequence, also running {@code action} each time one of its iterations closes
   */
  public final Seq<T> onClose(Runnable action) {
    Objects.requireNonNull(action, "action");
    return new Stage<>(".onClose(..)", true, () -> new Ops.Stage<T, T>(openCursor()) {
      @Override
      public boolean hasNext() {
        return up.hasNext();
      }

      @Override
      public T next() {
        return up.next();
      }

      @Override
      boolean pushWhile(Sink<? super T> sink) {
        return up.pushWhile(sink);
      }

      @Override
      void release() {
        runThenClose(action, up);
      }
    }, this);
  }

  // -------------------------------------------------------------------------------------------- terminals

  /**
   * All elements, in an immutable list (which may contain nulls).
   *
   * <pre>{@code
   * List<Integer> evens = Seq.range(0, 10).filter(x -> x % 2 == 0).toList();
   * }</pre>
   *
   * @return all elements, in an immutable list (which may contain nulls)
   */
  public final List<T> toList() {
    return terminal(c -> {
      ListBuilder<T> out = new ListBuilder<>();
      c.pushWhile(out);
      return out.build();
    });
  }

  /**
   * Runs {@code action} on every element, then closes the iteration.
   *
   * <pre>{@code
   * Seq.lines(path).forEach(System.out::println);
   * }</pre>
   */
  @Override
  public final void forEach(Consumer<? super T> action) {
    Objects.requireNonNull(action, "action");
    terminal(c -> c.pushWhile(x -> {
      action.accept(x);
      return true;
    }));
  }

  /**
   * Folds the elements into one value, starting from {@code identity}.
   *
   * <pre>{@code
   * long total = Seq.range(1L, 101L).reduce(0L, Long::sum);   // 5050
   * }</pre>
   *
   * @param identity the result for no elements, and the first value combined
   * @param accumulator the function that combines the result so far with the next element
   * @return the elements folded into one value, starting from {@code identity}
   */
  public final T reduce(T identity, BinaryOperator<T> accumulator) {
    Objects.requireNonNull(accumulator, "accumulator");
    return terminal(c -> {
      Fold<T> fold = new Fold<>(identity);
      c.pushWhile(x -> {
        fold.value = accumulator.apply(fold.value, x);
        return true;
      });
      return fold.value;
    });
  }

  /**
   * Folds the elements pairwise; empty if there are none (NullPointerException if the result is null).
   *
   * @param accumulator the function that combines the result so far with the next element
   * @return the elements folded pairwise; empty if there are none (NullPointerException if the result is null)
   */
  public final Optional<T> reduce(BinaryOperator<T> accumulator) {
    Objects.requireNonNull(accumulator, "accumulator");
    return terminal(c -> {
      if (!c.hasNext()) {
        return Optional.empty();
      }
      Fold<T> fold = new Fold<>(c.next());
      c.pushWhile(x -> {
        fold.value = accumulator.apply(fold.value, x);
        return true;
      });
      return Optional.of(fold.value);
    });
  }

  private static final class Fold<T> {
    T value;
    long count;

    Fold(T value) {
      this.value = value;
    }
  }

  /**
   * The number of elements (the whole pipeline runs). {@code Seq.of("a", "b").count() == 2}
   *
   * @return the number of elements (the whole pipeline runs)
   */
  public final long count() {
    return terminal(c -> {
      Fold<T> fold = new Fold<>(null);
      c.pushWhile(x -> {
        fold.count++;
        return true;
      });
      return fold.count;
    });
  }

  /**
   * The elements gathered by a {@link java.util.stream.Collector}, as {@code Stream.collect} does (sequentially).
   *
   * <pre>{@code
   * Map<Boolean, List<Integer>> parts = Seq.range(0, 6).collect(Collectors.partitioningBy(x -> x % 2 == 0));
   * String csv = Seq.of("a", "b").collect(Collectors.joining(","));   // "a,b"
   * }</pre>
   *
   * @param <R> the type of the results
   * @param <A> the collector's accumulation type
   * @param collector the collector that makes the result
   * @return the elements gathered by a {@link java.util.stream.Collector}, as {@code Stream.collect} does
   *     (sequentially)
   */
  @SuppressWarnings("unchecked")
  public final <R, A> R collect(java.util.stream.Collector<? super T, A, R> collector) {
    Objects.requireNonNull(collector, "collector");
    return terminal(c -> {
      A container = collector.supplier().get();
      java.util.function.BiConsumer<A, ? super T> accumulator = collector.accumulator();
      c.pushWhile(x -> {
        accumulator.accept(container, x);
        return true;
      });
      return collector.characteristics().contains(java.util.stream.Collector.Characteristics.IDENTITY_FINISH)
          ? (R) container
          : collector.finisher().apply(container);
    });
  }

  /**
   * Whether some element matches; stops (and closes the iteration) at the first that does.
   *
   * <pre>{@code
   * boolean fatal = Seq.lines(log).anyMatch(l -> l.contains("FATAL"));   // reads up to the first FATAL line
   * }</pre>
   *
   * @param predicate the condition each element is tested against
   * @return whether some element matches; stops (and closes the iteration) at the first that does
   */
  public final boolean anyMatch(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return terminal(c -> !c.pushWhile(x -> !predicate.test(x)));
  }

  /**
   * Whether every element matches (true for none); stops at the first that does not.
   *
   * @param predicate the condition each element is tested against
   * @return whether every element matches (true for none); stops at the first that does not
   */
  public final boolean allMatch(Predicate<? super T> predicate) {
    Objects.requireNonNull(predicate, "predicate");
    return terminal(c -> c.pushWhile(predicate::test));
  }

  /**
   * Whether no element matches (true for none); stops at the first that does.
   *
   * @param predicate the condition each element is tested against
   * @return whether no element matches (true for none); stops at the first that does
   */
  public final boolean noneMatch(Predicate<? super T> predicate) {
    return !anyMatch(predicate);
  }

  /**
   * The first element, or empty if there is none; only as much of the pipeline runs as that takes.
   *
   * @throws NullPointerException if the first element is null
   * @return the first element, or empty if there is none; only as much of the pipeline runs as that takes
   */
  public final Optional<T> first() {
    return terminal(c -> {
      Fold<T> fold = new Fold<>(null);
      boolean exhausted = c.pushWhile(x -> {
        fold.value = x;
        fold.count = 1;
        return false;
      });
      if (fold.count == 0 && exhausted) {
        return Optional.empty();
      }
      if (fold.value == null) {
        throw new NullPointerException("first(): the first element is null");
      }
      return Optional.of(fold.value);
    });
  }

  /**
   * A new iteration as an Iterator. It closes itself when exhausted or when the pipeline throws; if you stop
   * early, close the Seq (try-with-resources).
   */
  @Override
  public final Iterator<T> iterator() {
    return new Pull<>(openIteration(), this);
  }

  /**
   * A Spliterator over a new iteration that is opened on first use ({@code tryAdvance}, {@code forEachRemaining},
   * {@code trySplit}), not when the Spliterator is made, and closes itself at the end.
   */
  @Override
  public final Spliterator<T> spliterator() {
    return new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE, Spliterator.ORDERED) {
      private Iterator<T> pull;

      private Iterator<T> pull() {
        if (pull == null) {
          pull = iterator();
        }
        return pull;
      }

      @Override
      public boolean tryAdvance(Consumer<? super T> action) {
        Iterator<T> it = pull();
        if (!it.hasNext()) {
          return false;
        }
        action.accept(it.next());
        return true;
      }

      @Override
      public void forEachRemaining(Consumer<? super T> action) {
        pull().forEachRemaining(action);
      }
    };
  }

  /**
   * A sequential Stream over a new iteration, opened when the stream's terminal operation starts. Its terminal
   * operations close the iteration when they return, short-circuiting ones ({@code anyMatch}, {@code findFirst})
   * included; so does closing the stream. Exceptions: {@code iterator()} and {@code spliterator()} of the stream
   * close at exhaustion or {@code close()}, and so do the primitive streams of {@code mapToInt} and its kin.
   *
   * <pre>{@code
   * try (Stream<String> s = Seq.lines(path).stream()) { return s.anyMatch(l -> l.isBlank()); }
   * }</pre>
   *
   * @return a sequential Stream over a new iteration, opened when the stream's terminal operation starts
   */
  public final Stream<T> stream() {
    AtomicReference<Pull<T>> opened = new AtomicReference<>();
    Supplier<Spliterator<T>> open = () -> {
      Pull<T> pull = new Pull<>(openIteration(), this);
      opened.set(pull);
      return Spliterators.spliteratorUnknownSize(pull, Spliterator.ORDERED);
    };
    return new ClosingStream<>(StreamSupport.stream(open, Spliterator.ORDERED, false).onClose(() -> {
      Pull<T> pull = opened.get();
      if (pull != null) {
        pull.cursor.close();
      }
    }));
  }

  /**
   * Closes every iteration started from this Seq that is still open (releasing its files, inner sequences,
   * in-flight page fetches all the way up the pipeline). The Seqs it was built from stay open and usable, with
   * their other iterations; only a one-shot source ({@link #fromStream}, {@link #fromIterator}) never iterated is
   * released. A closed Seq cannot be iterated again. Idempotent.
   */
  @Override
  public final void close() {
    closePipeline();
  }

  /**
   * Describes the pipeline without running it, e.g. {@code Seq.range(0, 10).map(..).take(3)}, with
   * {@code " (closed)"} once closed.
   */
  @Override
  public String toString() {
    return describe();
  }

  /**
   * An element and its position in the sequence, as produced by {@link #enumerate()}.
   *
   * <pre>{@code
   * Seq.of("a", "b").enumerate().toList();   // [Indexed[index=0, value=a], Indexed[index=1, value=b]]
   * }</pre>
   *
   * @param index the position, from 0
   * @param value the element
   * @param <T> the type of the element
   */
  public record Indexed<T>(long index, T value) {}
}
