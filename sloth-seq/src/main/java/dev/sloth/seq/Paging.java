package dev.sloth.seq;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The cursor of {@link Seq#paged}: pulls pages from an asynchronous source with a bounded prefetch.
 *
 * <p>The consumer's thread requests the first page when it first asks for an element. Each request calls the
 * user's fetch function on a fresh virtual thread (so a fetch that blocks before returning its future costs no
 * platform thread). Whenever the most recently requested page has arrived and fewer than {@code prefetch}
 * requested pages wait unconsumed, the next page is requested at once ({@link #pump()}, run both by the
 * consumer and by each fetch's completion). So at most {@code prefetch} pages are ever requested ahead of the
 * page being consumed, and once the consumer stops pulling, at most those are requested; {@link #release()}
 * cancels them: it cancels the futures {@code fetch} returned and interrupts a fetch still running (one that blocks
 * before returning its future), so no fetch thread outlives the iteration by waiting. A failed fetch is rethrown
 * when the consumer reaches that page, after every element before it.
 */
final class Paging<T, C> extends Cursor<T> {
  private final Function<? super C, ? extends CompletableFuture<Page<T, C>>> fetch;
  private final C first;
  private final int prefetch;
  private final ReentrantLock lock = new ReentrantLock();
  /** Requested pages the consumer has not taken yet, oldest first (guarded by lock). */
  private final ArrayDeque<Fetch> ahead = new ArrayDeque<>();
  /** The most recently requested page (guarded by lock). */
  private Fetch tail;
  private Iterator<T> items;
  private boolean ended;

  Paging(C first, int prefetch, Function<? super C, ? extends CompletableFuture<Page<T, C>>> fetch) {
    this.first = first;
    this.prefetch = prefetch;
    this.fetch = fetch;
  }

  private final class Fetch {
    final C cursor;
    final CompletableFuture<Page<T, C>> result = new CompletableFuture<>();
    volatile CompletableFuture<Page<T, C>> user;
    /** The thread running {@code fetch.apply} while it runs (a blocking fetch is interrupted by {@link #cancel}). */
    volatile Thread applying;

    Fetch(C cursor) {
      this.cursor = cursor;
    }

    void run() {
      CompletableFuture<Page<T, C>> u;
      applying = Thread.currentThread();
      try {
        if (isClosed()) { // closed before this thread ran, so cancel() saw no thread: a blocking fetch ends at once
          Thread.currentThread().interrupt();
        }
        u = fetch.apply(cursor);
        if (u == null) {
          throw new NullPointerException("paged: fetch returned null instead of a future for cursor " + cursor);
        }
      } catch (Throwable t) {
        result.completeExceptionally(t);
        return;
      } finally {
        applying = null;
      }
      user = u;
      if (isClosed()) {
        u.cancel(true); // closed while fetch.apply ran
      }
      u.whenComplete((page, failure) -> {
        if (failure != null) {
          result.completeExceptionally(failure);
        } else if (page == null) {
          result.completeExceptionally(
              new NullPointerException("paged: the future for cursor " + cursor + " completed with null"));
        } else {
          result.complete(page);
        }
        pump();
      });
    }

    void cancel() {
      result.cancel(false);
      // Either run() sees the cursor closed (set before release() calls this) or this sees its thread: a fetch
      // still blocked inside fetch.apply is interrupted, not left running after the iteration ended.
      Thread t = applying;
      if (t != null) {
        t.interrupt();
      }
      CompletableFuture<Page<T, C>> u = user;
      if (u != null) {
        u.cancel(true);
      }
    }

    Page<T, C> await() {
      try {
        return result.get();
      } catch (CancellationException e) {
        if (isClosed()) { // the iteration was closed by another thread while this one waited for the page
          IllegalStateException closed = Sources.closedWhileIterating();
          closed.initCause(e);
          throw closed;
        }
        throw e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CancellationException("interrupted while waiting for the page at cursor " + cursor);
      } catch (ExecutionException e) {
        Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null
            ? c.getCause() : e.getCause();
        if (cause instanceof RuntimeException r) {
          throw r;
        }
        if (cause instanceof Error err) {
          throw err;
        }
        throw new CompletionException("fetching the page at cursor " + cursor + " failed", cause);
      }
    }
  }

  /** Requests the page at {@code cursor} on a virtual thread. Caller holds the lock. */
  private Fetch request(C cursor) {
    Fetch f = new Fetch(cursor);
    tail = f;
    Thread.ofVirtual().name("sloth-paged-fetch").start(f::run);
    return f;
  }

  /** Requests following pages while the last requested one has arrived and the prefetch bound allows. */
  private void pump() {
    lock.lock();
    try {
      while (!isClosed() && ahead.size() < prefetch && tail != null && tail.result.isDone()
          && !tail.result.isCompletedExceptionally()) {
        C next = tail.result.join().next();
        if (next == null) {
          return;
        }
        ahead.addLast(request(next));
      }
    } finally {
      lock.unlock();
    }
  }

  /** The next page to consume, requesting it now if it was not prefetched; {@code null} after the last. */
  private Fetch takeNext() {
    lock.lock();
    try {
      if (!ahead.isEmpty()) {
        return ahead.pollFirst();
      }
      if (tail == null) {
        return request(first);
      }
      // Nothing ahead: tail is the page just consumed, so it has arrived.
      C next = tail.result.join().next();
      return next == null ? null : request(next);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean hasNext() {
    if (isClosed()) {
      throw Sources.closedWhileIterating();
    }
    while (items == null || !items.hasNext()) {
      if (ended) {
        return false;
      }
      Fetch f = takeNext();
      if (f == null) {
        ended = true;
        return false;
      }
      items = null;
      Page<T, C> page = f.await();
      items = page.items().iterator();
      pump();
    }
    return true;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more pages");
    }
    return items.next();
  }

  @Override
  void release() {
    lock.lock();
    try {
      for (Fetch f : ahead) {
        f.cancel();
      }
      ahead.clear();
      if (tail != null) {
        tail.cancel();
      }
    } finally {
      lock.unlock();
    }
  }
}
