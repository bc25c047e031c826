package dev.sloth.seq;

import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Spliterator;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import java.util.stream.Collector;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * The {@link Stream} of {@link Seq#stream()}: a JDK stream whose terminal operations close the Seq's iteration when
 * they return. A JDK stream closes nothing by itself, and a short-circuiting terminal ({@code anyMatch},
 * {@code findFirst}, {@code limit(..).toList()}) stops pulling before the end, where the iteration would have closed
 * itself; so every terminal here ends with {@link #close()}. Intermediate operations return wrappers too, so the
 * terminal of a derived stream closes as well. Closing any stage of a JDK pipeline closes the whole pipeline, which
 * runs the handler that closes the Seq's iteration.
 *
 * <p>Not wrapped: {@code iterator()} and {@code spliterator()} (lazy by nature: they close at exhaustion, or with
 * {@code close()}), and the primitive streams of {@code mapToInt}/{@code mapToLong}/{@code mapToDouble} and their
 * {@code flatMap} forms, whose short-circuiting terminals need a {@code close()} (try-with-resources).
 */
final class ClosingStream<T> implements Stream<T> {
  private final Stream<T> delegate;

  ClosingStream(Stream<T> delegate) {
    this.delegate = delegate;
  }

  private <R> Stream<R> wrap(Stream<R> s) {
    return new ClosingStream<>(s);
  }

  // --------------------------------------------------------------------------------- terminals: close after

  @Override
  public void forEach(Consumer<? super T> action) {
    try (this) {
      delegate.forEach(action);
    }
  }

  @Override
  public void forEachOrdered(Consumer<? super T> action) {
    try (this) {
      delegate.forEachOrdered(action);
    }
  }

  @Override
  public Object[] toArray() {
    try (this) {
      return delegate.toArray();
    }
  }

  @Override
  public <A> A[] toArray(IntFunction<A[]> generator) {
    try (this) {
      return delegate.toArray(generator);
    }
  }

  @Override
  public T reduce(T identity, BinaryOperator<T> accumulator) {
    try (this) {
      return delegate.reduce(identity, accumulator);
    }
  }

  @Override
  public Optional<T> reduce(BinaryOperator<T> accumulator) {
    try (this) {
      return delegate.reduce(accumulator);
    }
  }

  @Override
  public <U> U reduce(U identity, BiFunction<U, ? super T, U> accumulator, BinaryOperator<U> combiner) {
    try (this) {
      return delegate.reduce(identity, accumulator, combiner);
    }
  }

  @Override
  public <R> R collect(Supplier<R> supplier, BiConsumer<R, ? super T> accumulator, BiConsumer<R, R> combiner) {
    try (this) {
      return delegate.collect(supplier, accumulator, combiner);
    }
  }

  @Override
  public <R, A> R collect(Collector<? super T, A, R> collector) {
    try (this) {
      return delegate.collect(collector);
    }
  }

  @Override
  public List<T> toList() {
    try (this) {
      return delegate.toList();
    }
  }

  @Override
  public Optional<T> min(Comparator<? super T> comparator) {
    try (this) {
      return delegate.min(comparator);
    }
  }

  @Override
  public Optional<T> max(Comparator<? super T> comparator) {
    try (this) {
      return delegate.max(comparator);
    }
  }

  @Override
  public long count() {
    try (this) {
      return delegate.count();
    }
  }

  @Override
  public boolean anyMatch(Predicate<? super T> predicate) {
    try (this) {
      return delegate.anyMatch(predicate);
    }
  }

  @Override
  public boolean allMatch(Predicate<? super T> predicate) {
    try (this) {
      return delegate.allMatch(predicate);
    }
  }

  @Override
  public boolean noneMatch(Predicate<? super T> predicate) {
    try (this) {
      return delegate.noneMatch(predicate);
    }
  }

  @Override
  public Optional<T> findFirst() {
    try (this) {
      return delegate.findFirst();
    }
  }

  @Override
  public Optional<T> findAny() {
    try (this) {
      return delegate.findAny();
    }
  }

  @Override
  public Iterator<T> iterator() {
    return delegate.iterator();
  }

  @Override
  public Spliterator<T> spliterator() {
    return delegate.spliterator();
  }

  // ----------------------------------------------------------------------------- intermediate: wrap again

  @Override
  public Stream<T> filter(Predicate<? super T> predicate) {
    return wrap(delegate.filter(predicate));
  }

  @Override
  public <R> Stream<R> map(Function<? super T, ? extends R> mapper) {
    return wrap(delegate.map(mapper));
  }

  @Override
  public <R> Stream<R> flatMap(Function<? super T, ? extends Stream<? extends R>> mapper) {
    return wrap(delegate.flatMap(mapper));
  }

  @Override
  public <R> Stream<R> mapMulti(BiConsumer<? super T, ? super Consumer<R>> mapper) {
    return wrap(delegate.mapMulti(mapper));
  }

  @Override
  public Stream<T> distinct() {
    return wrap(delegate.distinct());
  }

  @Override
  public Stream<T> sorted() {
    return wrap(delegate.sorted());
  }

  @Override
  public Stream<T> sorted(Comparator<? super T> comparator) {
    return wrap(delegate.sorted(comparator));
  }

  @Override
  public Stream<T> peek(Consumer<? super T> action) {
    return wrap(delegate.peek(action));
  }

  @Override
  public Stream<T> limit(long maxSize) {
    return wrap(delegate.limit(maxSize));
  }

  @Override
  public Stream<T> skip(long n) {
    return wrap(delegate.skip(n));
  }

  @Override
  public Stream<T> takeWhile(Predicate<? super T> predicate) {
    return wrap(delegate.takeWhile(predicate));
  }

  @Override
  public Stream<T> dropWhile(Predicate<? super T> predicate) {
    return wrap(delegate.dropWhile(predicate));
  }

  @Override
  public Stream<T> sequential() {
    return wrap(delegate.sequential());
  }

  @Override
  public Stream<T> parallel() {
    return wrap(delegate.parallel());
  }

  @Override
  public Stream<T> unordered() {
    return wrap(delegate.unordered());
  }

  @Override
  public Stream<T> onClose(Runnable closeHandler) {
    return wrap(delegate.onClose(closeHandler));
  }

  @Override
  public IntStream mapToInt(ToIntFunction<? super T> mapper) {
    return delegate.mapToInt(mapper);
  }

  @Override
  public LongStream mapToLong(ToLongFunction<? super T> mapper) {
    return delegate.mapToLong(mapper);
  }

  @Override
  public DoubleStream mapToDouble(ToDoubleFunction<? super T> mapper) {
    return delegate.mapToDouble(mapper);
  }

  @Override
  public IntStream flatMapToInt(Function<? super T, ? extends IntStream> mapper) {
    return delegate.flatMapToInt(mapper);
  }

  @Override
  public LongStream flatMapToLong(Function<? super T, ? extends LongStream> mapper) {
    return delegate.flatMapToLong(mapper);
  }

  @Override
  public DoubleStream flatMapToDouble(Function<? super T, ? extends DoubleStream> mapper) {
    return delegate.flatMapToDouble(mapper);
  }

  @Override
  public boolean isParallel() {
    return delegate.isParallel();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
