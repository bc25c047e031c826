package dev.sloth.seq;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.PrimitiveIterator;

/**
 * The Iterator of {@link Seq#iterator()}: pulls from one cursor and closes it on exhaustion and on any exception
 * thrown by the pipeline. {@link Unboxed} is its primitive twin for {@link LongSeq#iterator()}.
 */
class Pull<T> implements Iterator<T> {
  final Cursor<T> cursor;
  private boolean done;

  Pull(Cursor<T> cursor) {
    this.cursor = cursor;
  }

  @Override
  public final boolean hasNext() {
    if (done) {
      return false;
    }
    if (cursor.isClosed()) { // the Seq it was started from was closed: say so, even for a pure pipeline
      done = true;
      throw new IllegalStateException("this " + cursor.tracker.kind() + " was closed while it was being iterated");
    }
    try {
      if (cursor.hasNext()) {
        return true;
      }
    } catch (Throwable t) {
      fail(t);
      throw t;
    }
    done = true;
    cursor.close();
    return false;
  }

  @Override
  public final T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("the sequence is exhausted");
    }
    try {
      return cursor.next();
    } catch (Throwable t) {
      fail(t);
      throw t;
    }
  }

  /** Ends the iteration after the pipeline threw {@code t}, closing the cursor. */
  final void fail(Throwable t) {
    done = true;
    Cursor.closeAfter(cursor, t);
  }

  /** The pull side of a {@link LongSeq}: {@link #nextLong()} takes elements without boxing them. */
  static final class Unboxed extends Pull<Long> implements PrimitiveIterator.OfLong {
    private final LongCursor longs;

    Unboxed(LongCursor cursor) {
      super(cursor);
      this.longs = cursor;
    }

    @Override
    public long nextLong() {
      if (!hasNext()) {
        throw new NoSuchElementException("the sequence is exhausted");
      }
      try {
        return longs.nextLong();
      } catch (Throwable t) {
        fail(t);
        throw t;
      }
    }
  }
}
