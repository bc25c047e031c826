package dev.sloth.seq;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/** The cursors of the intermediate operations. Each closes its upstream when it releases. */
final class Ops {
  private Ops() {}

  /** A stage with one upstream cursor. */
  abstract static class Stage<S, T> extends Cursor<T> {
    final Cursor<S> up;

    Stage(Cursor<S> up) {
      this.up = up;
    }

    @Override
    void release() {
      up.close();
    }
  }

  /** A stage that looks one element ahead ({@code filter}, {@code takeWhile}, {@code dropWhile}, ...). */
  abstract static class LookAhead<S, T> extends Stage<S, T> {
    T ahead;
    boolean ready;

    LookAhead(Cursor<S> up) {
      super(up);
    }

    /** Sets {@link #ahead}/{@link #ready} to the next element, or leaves {@code ready} false at the end. */
    abstract void fetch();

    @Override
    public final boolean hasNext() {
      if (!ready) {
        fetch();
      }
      return ready;
    }

    @Override
    public final T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("sequence exhausted");
      }
      T v = ahead;
      ahead = null;
      ready = false;
      return v;
    }

    /** Pushes the element already fetched, if any; returns whether to go on. */
    final boolean pushAhead(Sink<? super T> sink) {
      if (ready) {
        T v = ahead;
        ahead = null;
        ready = false;
        return sink.accept(v);
      }
      return true;
    }
  }

  static final class Map<S, T> extends Stage<S, T> {
    private final Function<? super S, ? extends T> f;

    Map(Cursor<S> up, Function<? super S, ? extends T> f) {
      super(up);
      this.f = f;
    }

    @Override
    public boolean hasNext() {
      return up.hasNext();
    }

    @Override
    public T next() {
      return f.apply(up.next());
    }

    @Override
    boolean pushWhile(Sink<? super T> sink) {
      Function<? super S, ? extends T> fn = f;
      return up.pushWhile(x -> sink.accept(fn.apply(x)));
    }
  }

  static final class Filter<T> extends LookAhead<T, T> {
    private final Predicate<? super T> p;

    Filter(Cursor<T> up, Predicate<? super T> p) {
      super(up);
      this.p = p;
    }

    @Override
    void fetch() {
      while (up.hasNext()) {
        T v = up.next();
        if (p.test(v)) {
          ahead = v;
          ready = true;
          return;
        }
      }
    }

    @Override
    boolean pushWhile(Sink<? super T> sink) {
      if (!pushAhead(sink)) {
        return false;
      }
      Predicate<? super T> pred = p;
      return up.pushWhile(x -> !pred.test(x) || sink.accept(x));
    }
  }

  static final class Take<T> extends Stage<T, T> {
    private long remaining;
    private boolean sinkStopped;

    Take(Cursor<T> up, long n) {
      super(up);
      this.remaining = n;
    }

    @Override
    public boolean hasNext() {
      if (remaining <= 0) {
        up.close();
        return false;
      }
      return up.hasNext();
    }

    @Override
    public T next() {
      if (remaining <= 0) {
        throw new NoSuchElementException("take: limit reached");
      }
      T v = up.next();
      if (--remaining == 0) {
        up.close(); // the n-th element is out: release upstream resources now, not at the next hasNext()
      }
      return v;
    }

    @Override
    boolean pushWhile(Sink<? super T> sink) {
      if (remaining > 0) {
        sinkStopped = false;
        up.pushWhile(x -> {
          remaining--;
          if (!sink.accept(x)) {
            sinkStopped = true;
            return false;
          }
          return remaining > 0;
        });
        if (sinkStopped) {
          return false;
        }
      }
      up.close();
      return true;
    }
  }

  static final class TakeWhile<T> extends LookAhead<T, T> {
    private final Predicate<? super T> p;
    private boolean done;

    TakeWhile(Cursor<T> up, Predicate<? super T> p) {
      super(up);
      this.p = p;
    }

    @Override
    void fetch() {
      if (done) {
        return;
      }
      if (up.hasNext()) {
        T v = up.next();
        if (p.test(v)) {
          ahead = v;
          ready = true;
          return;
        }
      }
      done = true;
      up.close();
    }
  }

  static final class Drop<T> extends Stage<T, T> {
    private long toSkip;

    Drop(Cursor<T> up, long n) {
      super(up);
      this.toSkip = n;
    }

    private void skip() {
      while (toSkip > 0 && up.hasNext()) {
        up.next();
        toSkip--;
      }
      toSkip = 0;
    }

    @Override
    public boolean hasNext() {
      skip();
      return up.hasNext();
    }

    @Override
    public T next() {
      skip();
      return up.next();
    }

    @Override
    boolean pushWhile(Sink<? super T> sink) {
      skip();
      return up.pushWhile(sink);
    }
  }

  static final class DropWhile<T> extends LookAhead<T, T> {
    private final Predicate<? super T> p;
    private boolean dropping = true;

    DropWhile(Cursor<T> up, Predicate<? super T> p) {
      super(up);
      this.p = p;
    }

    @Override
    void fetch() {
      while (up.hasNext()) {
        T v = up.next();
        if (!dropping || !p.test(v)) {
          dropping = false;
          ahead = v;
          ready = true;
          return;
        }
      }
    }
  }

  static final class FlatMap<S, T> extends Cursor<T> {
    private final Cursor<S> outer;
    private final Function<? super S, ? extends Seq<? extends T>> f;
    private Cursor<? extends T> inner;

    FlatMap(Cursor<S> outer, Function<? super S, ? extends Seq<? extends T>> f) {
      this.outer = outer;
      this.f = f;
    }

    private Cursor<? extends T> openInner(S element) {
      Seq<? extends T> seq = f.apply(element);
      if (seq == null) {
        throw new NullPointerException("flatMap's mapper returned null instead of a Seq for " + element);
      }
      return seq.openCursor();
    }

    @Override
    public boolean hasNext() {
      while (true) {
        if (inner != null) {
          if (inner.hasNext()) {
            return true;
          }
          Cursor<? extends T> done = inner;
          inner = null;
          done.close();
        }
        if (!outer.hasNext()) {
          return false;
        }
        inner = openInner(outer.next());
      }
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("flatMap exhausted");
      }
      return inner.next();
    }

    @Override
    boolean pushWhile(Sink<? super T> sink) {
      if (inner != null) {
        if (!inner.pushWhile(sink)) {
          return false;
        }
        Cursor<? extends T> done = inner;
        inner = null;
        done.close();
      }
      return outer.pushWhile(x -> {
        inner = openInner(x);
        if (!inner.pushWhile(sink)) {
          return false;
        }
        Cursor<? extends T> done = inner;
        inner = null;
        done.close();
        return true;
      });
    }

    @Override
    void release() {
      closeAll(inner, outer);
    }
  }

  /** The parts of a concat, one after the other: each opened when reached, after the one before is closed. */
  static final class Concat<T> extends Cursor<T> {
    private Cursor<? extends T> current;
    private final Deque<? extends Seq<? extends T>> rest;

    Concat(Cursor<? extends T> first, Deque<? extends Seq<? extends T>> rest) {
      this.current = first;
      this.rest = rest;
    }

    /** Moves to the next part if the current one ran out; returns whether there was one. */
    private boolean advancePart() {
      if (rest.isEmpty()) {
        return false;
      }
      current.close();
      current = null;
      current = rest.pollFirst().openCursor();
      return true;
    }

    @Override
    public boolean hasNext() {
      do {
        if (current.hasNext()) {
          return true;
        }
      } while (advancePart());
      return false;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("concat exhausted");
      }
      return current.next();
    }

    @Override
    boolean pushWhile(Sink<? super T> sink) {
      do {
        if (!current.pushWhile(sink)) {
          return false;
        }
      } while (advancePart());
      return true;
    }

    @Override
    void release() {
      closeAll(current);
    }
  }

  static final class Zip<A, B, T> extends Cursor<T> {
    private final Cursor<A> left;
    private final Cursor<B> right;
    private final BiFunction<? super A, ? super B, ? extends T> f;

    Zip(Cursor<A> left, Cursor<B> right, BiFunction<? super A, ? super B, ? extends T> f) {
      this.left = left;
      this.right = right;
      this.f = f;
    }

    private boolean done;

    @Override
    public boolean hasNext() {
      if (done) {
        return false;
      }
      if (left.hasNext() && right.hasNext()) {
        return true;
      }
      done = true;
      closeAll(left, right); // the shorter side ended: release both now
      return false;
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("zip exhausted");
      }
      return f.apply(left.next(), right.next());
    }

    @Override
    void release() {
      closeAll(left, right);
    }
  }

  /** Consecutive groups of up to {@code size} elements. */
  /**
   * All the upstream elements, sorted (stable): the first pull reads the upstream to its end, closes it, and sorts;
   * then the elements come from the sorted buffer.
   */
  static final class Sorted<T> extends Stage<T, T> {
    private final java.util.Comparator<? super T> order;
    private Object[] sorted;
    private int index;

    Sorted(Cursor<T> up, java.util.Comparator<? super T> order) {
      super(up);
      this.order = order;
    }

    @SuppressWarnings("unchecked")
    private void fill() {
      if (sorted == null) {
        ListBuilder<T> all = new ListBuilder<>();
        up.pushWhile(all);
        up.close(); // everything is read: the upstream's resources go now, not when the sorted output ends
        Object[] values = all.build().toArray();
        java.util.Arrays.sort(values, (java.util.Comparator<Object>) order);
        sorted = values;
      }
    }

    @Override
    public boolean hasNext() {
      fill();
      return index < sorted.length;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException("sorted sequence exhausted");
      }
      T v = (T) sorted[index];
      sorted[index++] = null;
      return v;
    }

    @Override
    @SuppressWarnings("unchecked")
    boolean pushWhile(Sink<? super T> sink) {
      fill();
      while (index < sorted.length) {
        T v = (T) sorted[index];
        sorted[index++] = null;
        if (!sink.accept(v)) {
          return false;
        }
      }
      return true;
    }
  }

  static final class Batch<T> extends Stage<T, List<T>> {
    private final int size;

    Batch(Cursor<T> up, int size) {
      super(up);
      this.size = size;
    }

    @Override
    public boolean hasNext() {
      return up.hasNext();
    }

    @Override
    public List<T> next() {
      if (!up.hasNext()) {
        throw new NoSuchElementException("batch exhausted");
      }
      List<T> batch = new ArrayList<>(Math.min(size, 1024));
      while (batch.size() < size && up.hasNext()) {
        batch.add(up.next());
      }
      return Collections.unmodifiableList(batch);
    }
  }

  static final class ChunkBy<T> extends Stage<T, List<T>> {
    private final Function<? super T, ?> key;
    private T head;
    private Object headKey;
    private boolean hasHead;

    ChunkBy(Cursor<T> up, Function<? super T, ?> key) {
      super(up);
      this.key = key;
    }

    @Override
    public boolean hasNext() {
      if (!hasHead && up.hasNext()) {
        head = up.next();
        headKey = key.apply(head);
        hasHead = true;
      }
      return hasHead;
    }

    @Override
    public List<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException("chunkBy exhausted");
      }
      List<T> chunk = new ArrayList<>();
      chunk.add(head);
      hasHead = false;
      while (up.hasNext()) {
        T v = up.next();
        Object k = key.apply(v);
        if (!Objects.equals(k, headKey)) {
          head = v;
          headKey = k;
          hasHead = true;
          break;
        }
        chunk.add(v);
      }
      return Collections.unmodifiableList(chunk);
    }
  }

  static final class WindowSliding<T> extends Stage<T, List<T>> {
    private final int size;
    private final ArrayDeque<Object> window = new ArrayDeque<>();
    private boolean ready;

    WindowSliding(Cursor<T> up, int size) {
      super(up);
      this.size = size;
    }

    @Override
    public boolean hasNext() {
      if (!ready) {
        while (window.size() < size && up.hasNext()) {
          window.addLast(box(up.next()));
        }
        ready = window.size() == size;
      }
      return ready;
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<T> next() {
      if (!hasNext()) {
        throw new NoSuchElementException("windowSliding exhausted");
      }
      List<T> w = new ArrayList<>(size);
      for (Object o : window) {
        w.add(o == NULL ? null : (T) o);
      }
      window.removeFirst();
      ready = false;
      return Collections.unmodifiableList(w);
    }

    private static final Object NULL = new Object();

    private static Object box(Object o) {
      return o == null ? NULL : o;
    }
  }
}
