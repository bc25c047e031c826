package dev.sloth.seq;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@link Seq} and {@link LongSeq} share: one node of a described pipeline, which opens a fresh chain of
 * cursors per iteration and closes the iterations still open when it is closed.
 *
 * <p>A node knows the nodes it was built from ({@code upstream}, possibly of the other kind: a {@code LongSeq}
 * made by {@link Seq#mapToLong} has a {@code Seq} upstream), so closing the last node closes the whole pipeline.
 * Nodes that own resources keep a concurrent set of their live cursors ({@code live}); pure stages keep none, so
 * they cost no bookkeeping per iteration.
 *
 * @param <C> the kind of cursor this node opens
 */
abstract class Pipeline<C extends Cursor<?>> {
  private final Pipeline<?>[] upstream;
  /** What this pipeline is, for {@code toString()}: e.g. {@code Seq.range(0, 10).map(..).take(3)}. */
  private final String description;
  /** Cursors opened from this node and not closed yet; {@code null} for stages that own no resource. */
  private final Set<Cursor<?>> live;
  private volatile boolean closed;

  Pipeline(String label, boolean tracksCursors, Pipeline<?>... upstream) {
    this.upstream = upstream;
    this.description = upstream.length == 0 ? label : upstream[0].description + label;
    this.live = tracksCursors ? ConcurrentHashMap.newKeySet() : null;
  }

  /** Opens this stage's cursor (and, through it, its upstream cursors). */
  abstract C open();

  /** The one way a cursor is opened: refuses closed nodes and registers cursors that own resources. */
  final C openCursor() {
    if (closed) {
      throw new IllegalStateException("this " + kind() + " is closed; build a new one to iterate again");
    }
    C c = open();
    if (live != null) {
      c.tracker = this;
      live.add(c);
      if (closed) { // raced with close(): close what we just opened
        c.close();
        throw new IllegalStateException("this " + kind() + " was closed while it was being opened");
      }
    }
    return c;
  }

  /** {@code "Seq"} or {@code "LongSeq"}, for error messages. */
  abstract String kind();

  final void forget(Cursor<?> cursor) {
    live.remove(cursor);
  }

  /** Runs {@code body} on a freshly opened cursor and closes the cursor however it ends. */
  final <R> R terminal(Function<? super C, R> body) {
    C c = openCursor();
    R result;
    try {
      result = body.apply(c);
    } catch (Throwable t) {
      Cursor.closeAfter(c, t);
      throw t;
    }
    c.close();
    return result;
  }

  /**
   * An opener that works once: the second call throws, naming {@code what} the one-shot source was built from
   * and the re-iterable alternative.
   */
  static <C> Supplier<C> once(String kind, String what, String instead, Supplier<C> opener) {
    AtomicBoolean used = new AtomicBoolean();
    return () -> {
      if (!used.compareAndSet(false, true)) {
        throw new IllegalStateException("this " + kind + " is one-shot (built from " + what
            + ") and was already iterated; use " + instead + " for a re-iterable " + kind);
      }
      return opener.get();
    };
  }

  static void checkCount(String op, long n) {
    if (n < 0) {
      throw new IllegalArgumentException(op + "(n): n must be >= 0 but was " + n);
    }
  }

  /** Closes the live cursors of this node, then the nodes it was built from; idempotent. */
  final void closePipeline() {
    if (closed) {
      return;
    }
    closed = true;
    List<Cursor<?>> open = live == null ? List.of() : new ArrayList<>(live);
    Cursor<?>[] cursors = open.toArray(new Cursor<?>[0]);
    Throwable failure = null;
    try {
      Cursor.closeAll(cursors);
    } catch (Throwable t) {
      failure = t;
    }
    for (Pipeline<?> p : upstream) {
      try {
        p.closePipeline();
      } catch (Throwable t) {
        if (failure == null) {
          failure = t;
        } else {
          failure.addSuppressed(t);
        }
      }
    }
    Cursor.rethrow(failure);
  }

  /** The description, with {@code " (closed)"} once closed. */
  final String describe() {
    return closed ? description + " (closed)" : description;
  }
}
