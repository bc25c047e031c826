package dev.sloth.seq;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@link Seq} and {@link LongSeq} share: one node of a described pipeline, which opens a fresh chain of
 * cursors per iteration and closes its own iterations still open when it is closed.
 *
 * <p><b>Who owns what.</b> An iteration belongs to the node it was started from (by a terminal, {@code iterator()}
 * or {@code stream()}): if the pipeline owns resources, that node keeps the first cursor of each of its iterations
 * in {@code live}, and closing the node closes them, and through them every cursor and resource those iterations
 * opened upstream. Iterations of a pure pipeline are not kept (an abandoned iterator would leak); their iterators
 * see the node's {@code closed} flag. Closing a node
 * does not close the nodes it was built from, nor iterations started from other nodes built on them: a description
 * shared between threads stays usable by the others when one of them closes its own Seq. The one exception is a
 * one-shot source ({@code fromStream}, {@code fromIterator}) that was never iterated: it can serve only one
 * iteration, so closing any Seq built on it before that iteration releases it ({@link #abandon()}).
 *
 * @param <C> the kind of cursor this node opens
 */
abstract class Pipeline<C extends Cursor<?>> {
  /**
   * In the label of a node built from two (zip, concat): where the description of the second one goes, e.g.
   * {@code ".concat(" + OTHER + ")"}.
   */
  static final String OTHER = "\u0000other\u0000";

  private final Pipeline<?>[] upstream;
  /**
   * This node's part of the description: {@code ".map(..)"}, or a source's whole {@code "Seq.range(0, 10)"}.
   * {@link #describe()} joins the labels of the chain when asked: a node does not keep a copy of its upstream's
   * description, which would cost memory quadratic in the length of the chain (a loop of 10,000
   * {@code concat}s kept about 1 GB of descriptions).
   */
  private final String label;
  /**
   * Whether an iteration of this node may open something to release (a file, an inner sequence, a fetch, an
   * {@code onClose} action): this node does, or one it was built from does. Only such iterations are registered in
   * {@link #live}; an iteration of a pure pipeline holds nothing to release, and an abandoned one must not be kept.
   */
  private final boolean ownsResources;
  /** The first cursors of the open iterations started from this node that own resources; made on the first one. */
  private volatile Set<Cursor<?>> live;
  private volatile boolean closed;

  Pipeline(String label, boolean opensResources, Pipeline<?>... upstream) {
    this.upstream = upstream;
    this.label = label;
    boolean owns = opensResources;
    for (Pipeline<?> p : upstream) {
      owns |= p.ownsResources;
    }
    this.ownsResources = owns;
  }

  /** Opens this stage's cursor (and, through it, its upstream cursors). */
  abstract C open();

  /** Opens a cursor for a stage downstream (part of an iteration started elsewhere); refuses closed nodes. */
  final C openCursor() {
    checkOpen();
    return open();
  }

  /** Refuses a closed node, as {@link #openCursor()} does. */
  final void checkOpen() {
    if (closed) {
      throw new IllegalStateException("this " + kind() + " is closed; build a new one to iterate again");
    }
  }

  /**
   * Starts an iteration of this node: opens a cursor and, if the pipeline owns resources, registers it so that
   * {@link #closePipeline()} releases them. (An iterator notices the close by the node's flag, registered or not.)
   */
  final C openIteration() {
    C c = openCursor();
    if (!ownsResources) {
      return c;
    }
    Set<Cursor<?>> set = live;
    if (set == null) {
      synchronized (this) {
        set = live;
        if (set == null) {
          set = ConcurrentHashMap.newKeySet();
          live = set;
        }
      }
    }
    c.tracker = this;
    set.add(c);
    if (closed) { // raced with close(): close what we just opened
      c.close();
      throw new IllegalStateException("this " + kind() + " was closed while it was being opened");
    }
    return c;
  }

  /** {@code "Seq"} or {@code "LongSeq"}, for error messages. */
  abstract String kind();

  final void forget(Cursor<?> cursor) {
    live.remove(cursor);
  }

  /** Runs {@code body} on a freshly opened iteration and closes it however it ends. */
  final <R> R terminal(Function<? super C, R> body) {
    C c = openIteration();
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
   * and the re-iterable alternative. If it is {@linkplain Once#abandon() abandoned} before its one call,
   * {@code release} closes what it would have iterated.
   */
  static <C> Once<C> once(String kind, String what, String instead, Supplier<C> opener, Runnable release) {
    return new Once<>(kind, what, instead, opener, release);
  }

  /** See {@link #once}. */
  static final class Once<C> implements Supplier<C> {
    private static final int FRESH = 0;
    private static final int USED = 1;
    private static final int ABANDONED = 2;
    private final AtomicInteger state = new AtomicInteger(FRESH);
    private final String kind;
    private final String what;
    private final String instead;
    private final Supplier<C> opener;
    private final Runnable release;

    private Once(String kind, String what, String instead, Supplier<C> opener, Runnable release) {
      this.kind = kind;
      this.what = what;
      this.instead = instead;
      this.opener = opener;
      this.release = release;
    }

    @Override
    public C get() {
      if (state.compareAndSet(FRESH, USED)) {
        return opener.get();
      }
      throw new IllegalStateException("this " + kind + " is one-shot (built from " + what + ") and was already "
          + (state.get() == USED ? "iterated" : "closed before it was iterated") + "; use " + instead
          + " for a re-iterable " + kind);
    }

    /** Releases the source if it was never opened; later calls of {@link #get()} throw. */
    void abandon() {
      if (state.compareAndSet(FRESH, ABANDONED)) {
        release.run();
      }
    }
  }

  static void checkCount(String op, long n) {
    if (n < 0) {
      throw new IllegalArgumentException(op + "(n): n must be >= 0 but was " + n);
    }
  }

  /**
   * Closes the iterations started from this node that are still open, and releases the one-shot sources upstream
   * that were never iterated; idempotent. The nodes upstream stay open (see the class comment).
   */
  final void closePipeline() {
    if (closed) {
      return;
    }
    closed = true;
    Set<Cursor<?>> set = live;
    Throwable failure = null;
    if (set != null) {
      try {
        Cursor.closeAll(new ArrayList<>(set).toArray(new Cursor<?>[0]));
      } catch (Throwable t) {
        failure = t;
      }
    }
    try {
      abandonUpstream();
    } catch (Throwable t) {
      if (failure == null) {
        failure = t;
      } else {
        Cursor.suppress(failure, t);
      }
    }
    Cursor.rethrow(failure);
  }

  /** Walks this node and those it was built from iteratively (a chain of any length), each node once. */
  private void abandonUpstream() {
    Set<Pipeline<?>> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<Pipeline<?>> todo = new ArrayDeque<>();
    todo.push(this);
    while (!todo.isEmpty()) {
      Pipeline<?> p = todo.pop();
      if (seen.add(p)) {
        p.abandon();
        for (int i = p.upstream.length - 1; i >= 0; i--) {
          todo.push(p.upstream[i]);
        }
      }
    }
  }

  /** A one-shot source releases what it would have iterated, if it was never opened; other nodes do nothing. */
  void abandon() {}

  /** Whether {@link #closePipeline()} was called on this node. */
  final boolean isClosed() {
    return closed;
  }

  /**
   * What this pipeline is, for {@code toString()}: e.g. {@code Seq.range(0, 10).map(..).take(3)}, with
   * {@code " (closed)"} once closed. Walks the chain from its source (iteratively: no recursion along it).
   */
  final String describe() {
    ArrayDeque<Pipeline<?>> chain = new ArrayDeque<>();
    for (Pipeline<?> p = this; p != null; p = p.upstream.length == 0 ? null : p.upstream[0]) {
      chain.push(p);
    }
    StringBuilder out = new StringBuilder();
    for (Pipeline<?> p : chain) {
      out.append(p.upstream.length > 1 ? p.label.replace(OTHER, p.upstream[1].describe()) : p.label);
    }
    return closed ? out.append(" (closed)").toString() : out.toString();
  }
}
