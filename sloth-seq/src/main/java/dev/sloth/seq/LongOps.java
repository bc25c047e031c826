package dev.sloth.seq;

import java.util.NoSuchElementException;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;
import java.util.function.LongSupplier;
import java.util.function.LongUnaryOperator;
import java.util.function.ToLongFunction;

/**
 * The cursors of {@link LongSeq}: sources, stages and the bridges to and from {@link Seq}. They mirror
 * {@link Sources} and {@link Ops} with {@code long} elements, so a {@code range -> map -> filter -> sum} chain
 * is one loop in {@link Range#pushLongWhile} over {@code LongUnaryOperator}/{@code LongPredicate} calls that the
 * JIT inlines, with nothing boxed.
 */
final class LongOps {
  private LongOps() {}

  // ---------------------------------------------------------------------------------------------- sources

  /** {@code start, start+1, ..., end-1}. */
  static final class Range extends LongCursor {
    private long next;
    private final long end;

    Range(long start, long end) {
      this.next = start;
      this.end = end;
    }

    @Override
    public boolean hasNext() {
      return next < end;
    }

    @Override
    public long nextLong() {
      if (next >= end) {
        throw new NoSuchElementException("range exhausted");
      }
      return next++;
    }

    @Override
    boolean pushLongWhile(LongSink sink) {
      long i = next;
      long e = end;
      while (i < e) {
        if (!sink.accept(i++)) {
          next = i;
          return false;
        }
      }
      next = i;
      return true;
    }

    @Override
    void pushAll(LongConsumer sink) {
      long e = end;
      for (long i = next; i < e; i++) {
        sink.accept(i);
      }
      next = Math.max(next, e);
    }

    @Override
    void release() {}
  }

  /** The elements of an array (never modified; the LongSeq owns a copy). */
  static final class ArrayCursor extends LongCursor {
    private final long[] values;
    private int index;

    ArrayCursor(long[] values) {
      this.values = values;
    }

    @Override
    public boolean hasNext() {
      return index < values.length;
    }

    @Override
    public long nextLong() {
      if (index >= values.length) {
        throw new NoSuchElementException("no element " + index + " in " + values.length + " values");
      }
      return values[index++];
    }

    @Override
    boolean pushLongWhile(LongSink sink) {
      long[] vs = values;
      while (index < vs.length) {
        if (!sink.accept(vs[index++])) {
          return false;
        }
      }
      return true;
    }

    @Override
    void pushAll(LongConsumer sink) {
      long[] vs = values;
      int from = index;
      index = vs.length;
      for (int i = from; i < vs.length; i++) {
        sink.accept(vs[i]);
      }
    }

    @Override
    void release() {}
  }

  /** {@code seed, f(seed), f(f(seed)), ...} while {@code hasNext} holds. */
  static final class Iterate extends LongCursor {
    private long current;
    private boolean started;
    private final LongPredicate hasNext;
    private final LongUnaryOperator next;

    Iterate(long seed, LongPredicate hasNext, LongUnaryOperator next) {
      this.current = seed;
      this.hasNext = hasNext;
      this.next = next;
    }

    @Override
    public boolean hasNext() {
      if (started) {
        current = next.applyAsLong(current);
        started = false;
      }
      return hasNext.test(current);
    }

    @Override
    public long nextLong() {
      if (!hasNext()) {
        throw new NoSuchElementException("iterate: hasNext rejected " + current);
      }
      started = true;
      return current;
    }

    @Override
    void release() {}
  }

  /** An endless sequence of {@code supplier.getAsLong()}. */
  static final class Generate extends LongCursor {
    private final LongSupplier supplier;

    Generate(LongSupplier supplier) {
      this.supplier = supplier;
    }

    @Override
    public boolean hasNext() {
      return true;
    }

    @Override
    public long nextLong() {
      return supplier.getAsLong();
    }

    @Override
    boolean pushLongWhile(LongSink sink) {
      while (sink.accept(supplier.getAsLong())) {
        // endless: only the sink stops it
      }
      return false;
    }

    @Override
    void release() {}
  }

  // ------------------------------------------------------------------------------------ bridges to/from Seq

  /** {@code Seq.mapToLong}: each element of a {@code Seq} turned into a {@code long}. */
  static final class FromObjects<T> extends LongCursor {
    private final Cursor<T> up;
    private final ToLongFunction<? super T> f;

    FromObjects(Cursor<T> up, ToLongFunction<? super T> f) {
      this.up = up;
      this.f = f;
    }

    @Override
    public boolean hasNext() {
      return up.hasNext();
    }

    @Override
    public long nextLong() {
      return f.applyAsLong(up.next());
    }

    @Override
    boolean pushLongWhile(LongSink sink) {
      ToLongFunction<? super T> fn = f;
      return up.pushWhile(x -> sink.accept(fn.applyAsLong(x)));
    }

    @Override
    void release() {
      up.close();
    }
  }

  /** {@code LongSeq.mapToObj}: each {@code long} turned into an object. */
  static final class ToObjects<R> extends Cursor<R> {
    private final LongCursor up;
    private final LongFunction<? extends R> f;

    ToObjects(LongCursor up, LongFunction<? extends R> f) {
      this.up = up;
      this.f = f;
    }

    @Override
    public boolean hasNext() {
      return up.hasNext();
    }

    @Override
    public R next() {
      return f.apply(up.nextLong());
    }

    @Override
    boolean pushWhile(Sink<? super R> sink) {
      LongFunction<? extends R> fn = f;
      return up.pushLongWhile(x -> sink.accept(fn.apply(x)));
    }

    @Override
    void release() {
      up.close();
    }
  }

  // ----------------------------------------------------------------------------------------------- stages

  /** A stage with one upstream cursor, which it closes when it releases. */
  abstract static class Stage extends LongCursor {
    final LongCursor up;

    Stage(LongCursor up) {
      this.up = up;
    }

    @Override
    void release() {
      up.close();
    }
  }

  /** A stage that looks one element ahead ({@code filter}, {@code takeWhile}, {@code dropWhile}). */
  abstract static class LookAhead extends Stage {
    long ahead;
    boolean ready;

    LookAhead(LongCursor up) {
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
    public final long nextLong() {
      if (!hasNext()) {
        throw new NoSuchElementException("sequence exhausted");
      }
      ready = false;
      return ahead;
    }

    /** Pushes the element already fetched, if any; returns whether to go on. */
    final boolean pushAhead(LongSink sink) {
      if (ready) {
        ready = false;
        return sink.accept(ahead);
      }
      return true;
    }
  }

  static final class Map extends Stage {
    private final LongUnaryOperator f;

    Map(LongCursor up, LongUnaryOperator f) {
      super(up);
      this.f = f;
    }

    @Override
    public boolean hasNext() {
      return up.hasNext();
    }

    @Override
    public long nextLong() {
      return f.applyAsLong(up.nextLong());
    }

    @Override
    boolean pushLongWhile(LongSink sink) {
      LongUnaryOperator fn = f;
      return up.pushLongWhile(x -> sink.accept(fn.applyAsLong(x)));
    }

    @Override
    void pushAll(LongConsumer sink) {
      LongUnaryOperator fn = f;
      up.pushAll(x -> sink.accept(fn.applyAsLong(x)));
    }
  }

  static final class Filter extends LookAhead {
    private final LongPredicate p;

    Filter(LongCursor up, LongPredicate p) {
      super(up);
      this.p = p;
    }

    @Override
    void fetch() {
      while (up.hasNext()) {
        long v = up.nextLong();
        if (p.test(v)) {
          ahead = v;
          ready = true;
          return;
        }
      }
    }

    @Override
    boolean pushLongWhile(LongSink sink) {
      if (!pushAhead(sink)) {
        return false;
      }
      LongPredicate pred = p;
      return up.pushLongWhile(x -> !pred.test(x) || sink.accept(x));
    }

    @Override
    void pushAll(LongConsumer sink) {
      if (ready) {
        ready = false;
        sink.accept(ahead);
      }
      LongPredicate pred = p;
      up.pushAll(x -> {
        if (pred.test(x)) {
          sink.accept(x);
        }
      });
    }
  }

  static final class Take extends Stage {
    private long remaining;
    private boolean sinkStopped;

    Take(LongCursor up, long n) {
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
    public long nextLong() {
      if (remaining <= 0) {
        throw new NoSuchElementException("take: limit reached");
      }
      long v = up.nextLong();
      if (--remaining == 0) {
        up.close(); // the n-th element is out: release upstream resources now, not at the next hasNext()
      }
      return v;
    }

    @Override
    boolean pushLongWhile(LongSink sink) {
      if (remaining > 0) {
        sinkStopped = false;
        up.pushLongWhile(x -> {
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

  static final class TakeWhile extends LookAhead {
    private final LongPredicate p;
    private boolean done;
    private boolean sinkStopped;

    TakeWhile(LongCursor up, LongPredicate p) {
      super(up);
      this.p = p;
    }

    @Override
    void fetch() {
      if (done) {
        return;
      }
      if (up.hasNext()) {
        long v = up.nextLong();
        if (p.test(v)) {
          ahead = v;
          ready = true;
          return;
        }
      }
      finish();
    }

    private void finish() {
      done = true;
      up.close();
    }

    @Override
    boolean pushLongWhile(LongSink sink) {
      if (!pushAhead(sink)) {
        return false;
      }
      if (done) {
        return true;
      }
      sinkStopped = false;
      LongPredicate pred = p;
      boolean exhausted = up.pushLongWhile(x -> {
        if (!pred.test(x)) {
          done = true;
          return false;
        }
        if (!sink.accept(x)) {
          sinkStopped = true;
          return false;
        }
        return true;
      });
      if (sinkStopped) {
        return false;
      }
      if (exhausted || done) {
        finish();
      }
      return true;
    }
  }

  static final class Drop extends Stage {
    private long toSkip;

    Drop(LongCursor up, long n) {
      super(up);
      this.toSkip = n;
    }

    private void skip() {
      while (toSkip > 0 && up.hasNext()) {
        up.nextLong();
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
    public long nextLong() {
      skip();
      return up.nextLong();
    }

    @Override
    boolean pushLongWhile(LongSink sink) {
      skip();
      return up.pushLongWhile(sink);
    }

    @Override
    void pushAll(LongConsumer sink) {
      skip();
      up.pushAll(sink);
    }
  }

  static final class DropWhile extends LookAhead {
    private final LongPredicate p;
    private boolean dropping = true;

    DropWhile(LongCursor up, LongPredicate p) {
      super(up);
      this.p = p;
    }

    @Override
    void fetch() {
      while (up.hasNext()) {
        long v = up.nextLong();
        if (!dropping || !p.test(v)) {
          dropping = false;
          ahead = v;
          ready = true;
          return;
        }
      }
    }

    @Override
    boolean pushLongWhile(LongSink sink) {
      if (!pushAhead(sink)) {
        return false;
      }
      if (!dropping) {
        return up.pushLongWhile(sink);
      }
      LongPredicate pred = p;
      return up.pushLongWhile(x -> {
        if (dropping) {
          if (pred.test(x)) {
            return true;
          }
          dropping = false;
        }
        return sink.accept(x);
      });
    }
  }

  /** Runs an action when the iteration closes ({@code LongSeq.onClose}). */
  static final class OnClose extends Stage {
    private final Runnable action;

    OnClose(LongCursor up, Runnable action) {
      super(up);
      this.action = action;
    }

    @Override
    public boolean hasNext() {
      return up.hasNext();
    }

    @Override
    public long nextLong() {
      return up.nextLong();
    }

    @Override
    boolean pushLongWhile(LongSink sink) {
      return up.pushLongWhile(sink);
    }

    @Override
    void pushAll(LongConsumer sink) {
      up.pushAll(sink);
    }

    @Override
    void release() {
      runThenClose(action, up);
    }
  }
}
