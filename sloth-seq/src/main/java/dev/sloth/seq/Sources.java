package dev.sloth.seq;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/** The cursors at the head of a pipeline: where elements come from. */
final class Sources {
  private Sources() {}

  /** {@code start, start+1, ..., end-1}, each boxed by {@code box} (to Long or Integer). */
  static final class Range<T> extends Cursor<T> {
    private long next;
    private final long end;
    private final LongFunction<T> box;

    Range(long start, long end, LongFunction<T> box) {
      this.next = start;
      this.end = end;
      this.box = box;
    }

    @Override
    public boolean hasNext() {
      return next < end;
    }

    @Override
    public T next() {
      if (next >= end) {
        throw new NoSuchElementException("range exhausted");
      }
      return box.apply(next++);
    }

    @Override
    boolean pushWhile(Sink<? super T> sink) {
      long i = next;
      long e = end;
      LongFunction<T> b = box;
      while (i < e) {
        T v = b.apply(i++);
        if (!sink.accept(v)) {
          next = i;
          return false;
        }
      }
      next = i;
      return true;
    }

    @Override
    void release() {}
  }

  /** The elements of an array (never modified; the Seq owns a copy). */
  static final class ArrayCursor<T> extends Cursor<T> {
    private final Object[] values;
    private int index;

    ArrayCursor(Object[] values) {
      this.values = values;
    }

    @Override
    public boolean hasNext() {
      return index < values.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
      if (index >= values.length) {
        throw new NoSuchElementException("no element " + index + " in " + values.length + " values");
      }
      return (T) values[index++];
    }

    @Override
    @SuppressWarnings("unchecked")
    boolean pushWhile(Sink<? super T> sink) {
      Object[] vs = values;
      while (index < vs.length) {
        if (!sink.accept((T) vs[index++])) {
          return false;
        }
      }
      return true;
    }

    @Override
    void release() {}
  }

  /**
   * The elements of an iterator; if {@code resource} is non-null, it is closed on release and pulling after an
   * outside close fails clearly.
   */
  static final class IteratorCursor<T> extends Cursor<T> {
    private final Iterator<? extends T> it;
    private final AutoCloseable resource;

    IteratorCursor(Iterator<? extends T> it, AutoCloseable resource) {
      this.it = it;
      this.resource = resource;
    }

    @Override
    public boolean hasNext() {
      if (resource != null && isClosed()) {
        throw closedWhileIterating();
      }
      return it.hasNext();
    }

    @Override
    public T next() {
      return it.next();
    }

    @Override
    boolean pushWhile(Sink<? super T> sink) {
      Iterator<? extends T> i = it;
      while (hasNext()) {
        if (!sink.accept(i.next())) {
          return false;
        }
      }
      return true;
    }

    @Override
    void release() {
      if (resource != null) {
        closeResource(resource);
      }
    }
  }

  static IllegalStateException closedWhileIterating() {
    return new IllegalStateException("this Seq was closed while it was being iterated");
  }

  /** {@code seed, f(seed), f(f(seed)), ...} while {@code hasNext} holds. */
  static final class Iterate<T> extends Cursor<T> {
    private T current;
    private boolean started;
    private final Predicate<? super T> hasNext;
    private final UnaryOperator<T> next;

    Iterate(T seed, Predicate<? super T> hasNext, UnaryOperator<T> next) {
      this.current = seed;
      this.hasNext = hasNext;
      this.next = next;
    }

    @Override
    public boolean hasNext() {
      if (started) {
        current = next.apply(current);
        started = false;
      }
      return hasNext.test(current);
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("iterate: hasNext rejected " + current);
      }
      started = true;
      return current;
    }

    @Override
    void release() {}
  }

  /** An endless sequence of {@code supplier.get()}. */
  static final class Generate<T> extends Cursor<T> {
    private final Supplier<? extends T> supplier;

    Generate(Supplier<? extends T> supplier) {
      this.supplier = supplier;
    }

    @Override
    public boolean hasNext() {
      return true;
    }

    @Override
    public T next() {
      return supplier.get();
    }

    @Override
    boolean pushWhile(Sink<? super T> sink) {
      while (sink.accept(supplier.get())) {
        // endless: only the sink stops it
      }
      return false;
    }

    @Override
    void release() {}
  }

  /** Values from {@code step(state)} until it returns empty. */
  static final class Unfold<S, T> extends Cursor<T> {
    private S state;
    private Map.Entry<T, S> ahead;
    private boolean done;
    private final Function<? super S, Optional<Map.Entry<T, S>>> step;

    Unfold(S seed, Function<? super S, Optional<Map.Entry<T, S>>> step) {
      this.state = seed;
      this.step = step;
    }

    @Override
    public boolean hasNext() {
      if (ahead == null && !done) {
        Optional<Map.Entry<T, S>> r = step.apply(state);
        if (r == null) {
          throw new NullPointerException("unfold's step returned null instead of an Optional (state " + state + ")");
        }
        ahead = r.orElse(null);
        done = ahead == null;
      }
      return !done;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("unfold ended");
      }
      Map.Entry<T, S> e = ahead;
      ahead = null;
      state = e.getValue();
      return e.getKey();
    }

    @Override
    void release() {}
  }

  /** The lines of a file, read on demand; the reader closes on release. */
  static final class Lines extends Cursor<String> {
    private final Path path;
    private final BufferedReader reader;
    private String ahead;
    private boolean done;

    Lines(Path path, Charset charset) {
      this.path = path;
      try {
        this.reader = Files.newBufferedReader(path, charset);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot open " + path + " for reading lines", e);
      }
    }

    @Override
    public boolean hasNext() {
      if (isClosed()) {
        throw closedWhileIterating();
      }
      if (ahead == null && !done) {
        try {
          ahead = reader.readLine();
        } catch (IOException e) {
          throw new UncheckedIOException("reading lines of " + path + " failed", e);
        }
        done = ahead == null;
      }
      return !done;
    }

    @Override
    public String next() {
      if (!hasNext()) {
        throw new NoSuchElementException("no more lines in " + path);
      }
      String line = ahead;
      ahead = null;
      return line;
    }

    @Override
    void release() {
      closeResource(reader);
    }
  }
}
