package dev.sloth.seq;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Iterator;

/**
 * One running iteration of a {@link Seq}: the pipeline's stages are cursors chained through their upstream
 * fields. A cursor is both pulled ({@link #hasNext()}/{@link #next()}, used by {@code iterator()}, {@code zip},
 * {@code batch}, ...) and pushed ({@link #pushWhile}, used by the terminals {@code forEach}, {@code toList},
 * {@code count}, {@code reduce}, {@code first}). Push lets a stage hand each element straight to the next
 * stage's lambda, so a map/filter chain runs as one fused loop with no per-element allocation or look-ahead
 * bookkeeping; a stage that can only pull inherits the default {@code pushWhile}, a pull loop.
 *
 * <p>{@link #close()} is idempotent and thread-safe; {@link #release()} closes the stage's own resources and its
 * upstream cursors. A cursor stopped by its sink stays positioned after the last element it pushed.
 */
abstract class Cursor<T> implements Iterator<T> {
  private static final VarHandle CLOSED;

  static {
    try {
      CLOSED = MethodHandles.lookup().findVarHandle(Cursor.class, "closed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile boolean closed;

  /** The pipeline node that tracks this cursor for its {@code close()}, or {@code null}. */
  Pipeline<?> tracker;

  /**
   * Pushes the remaining elements to {@code sink} until they run out (returns {@code true}) or the sink returns
   * {@code false} (returns {@code false}).
   */
  boolean pushWhile(Sink<? super T> sink) {
    while (hasNext()) {
      if (!sink.accept(next())) {
        return false;
      }
    }
    return true;
  }

  /** Closes this stage and everything upstream of it; later calls do nothing. */
  final void close() {
    if (!CLOSED.compareAndSet(this, false, true)) {
      return;
    }
    try {
      release();
    } finally {
      if (tracker != null) {
        tracker.forget(this);
      }
    }
  }

  final boolean isClosed() {
    return closed;
  }

  /** Releases this stage's resources and closes its upstream cursors. Called once. */
  abstract void release();

  /** Closes every cursor, even if some throw; rethrows the first failure with the others suppressed. */
  static void closeAll(Cursor<?>... cursors) {
    Throwable first = null;
    for (Cursor<?> c : cursors) {
      if (c == null) {
        continue;
      }
      try {
        c.close();
      } catch (Throwable t) {
        if (first == null) {
          first = t;
        } else {
          suppress(first, t);
        }
      }
    }
    rethrow(first);
  }

  /** Closes {@code cursor} after {@code failure}, adding any close failure to it as suppressed. */
  static void closeAfter(Cursor<?> cursor, Throwable failure) {
    try {
      cursor.close();
    } catch (Throwable t) {
      suppress(failure, t);
    }
  }

  /**
   * Runs an {@code onClose} action, then closes {@code upstream} however the action ended; if both fail, the
   * action's failure is thrown with the upstream's suppressed (neither is lost).
   */
  static void runThenClose(Runnable action, Cursor<?> upstream) {
    try {
      action.run();
    } catch (Throwable t) {
      closeAfter(upstream, t);
      throw t;
    }
    upstream.close();
  }

  /**
   * Adds {@code later} to {@code failure} as suppressed, unless it is {@code failure} itself (two stages can fail
   * with one exception instance, e.g. a shared resource's or a cached exception: self-suppression would replace it
   * with an IllegalArgumentException).
   */
  static void suppress(Throwable failure, Throwable later) {
    if (later != failure) {
      failure.addSuppressed(later);
    }
  }

  /** Closes a user resource, turning checked exceptions into unchecked ones that name the resource. */
  static void closeResource(AutoCloseable resource) {
    try {
      resource.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing " + resource + " failed", e);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("closing " + resource + " failed", e);
    }
  }

  static void rethrow(Throwable t) {
    if (t == null) {
      return;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(t);
  }
}
