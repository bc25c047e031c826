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
  /** The node the iteration was started from: its close ends this iteration too. */
  private final Pipeline<?> node;
  private boolean done;

  Pull(Cursor<T> cursor, Pipeline<?> node) {
    this.cursor = cursor;
    this.node = node;
  }

  @Override
  public final boolean hasNext() {
    if (done) {
      return false;
    }
    if (node.isClosed()) { // the Seq it was started from was closed: say so, even for a pure pipeline
      IllegalStateException closed =
          new IllegalStateException("this " + node.kind() + " was closed while it was being iterated");
      fail(closed); // a pure pipeline's cursors were not reached by the close: end them here
      throw closed;
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

    Unboxed(LongCursor cursor, Pipeline<?> node) {
      super(cursor, node);
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
