package dev.sloth.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Callbacks on Hazelcast's futures, run on the thread that completes them (Hazelcast's response thread, or a
 * partition thread for a local operation), never handed off.
 *
 * <p>Why: the non-async callbacks of Hazelcast's invocation futures ({@code whenComplete}, {@code thenCompose}, ...)
 * are not run by the completing thread, as a {@code CompletableFuture}'s are, but handed to Hazelcast's default
 * asynchronous executor: the common {@code ForkJoinPool}, or, where its parallelism is 1 (any machine with two
 * cores or fewer), a new thread per callback. On this project's two-core machine that was a thread started for each
 * batch's reply on the driver and for each store on the member: from the member's answer to the driver's callback
 * took 332 us (median) against 138 us with the callback run at once, for a round trip of about 230 us. Passing a
 * direct executor to the {@code ...Async} variant runs the callback at once ({@link Invocations} avoids the
 * thread that the public API's futures start besides).
 *
 * <p>The rules that come with it: what runs here must be short and must never block (a blocking call on the
 * response thread waits for responses that thread itself would handle). And a response thread may not submit to
 * an executor service (Hazelcast refuses with {@code IllegalThreadStateException}: "cannot make remote call"), while
 * it may start asynchronous map operations; so what submits to an executor goes through {@link #invoking}, which
 * runs it here when this thread may, else on a virtual thread of its own. Only the scheduler's bookkeeping, the
 * completion of nodes (the engine's publication, which hands what it made ready to the graph's own threads) and the
 * listeners' events run on the response thread.
 */
final class Callbacks {
  /** Runs a callback on the thread that completes the future. */
  static final Executor DIRECT = Runnable::run;

  private Callbacks() {}

  /**
   * Runs {@code action} (which submits to a Hazelcast executor) on this thread if it may, else on a new virtual
   * thread: a lone node sent from the caller's thread has no hand-off; a batch sent on a reply has one.
   */
  static void invoking(Runnable action) {
    if (Thread.currentThread() instanceof com.hazelcast.spi.impl.operationexecutor.OperationHostileThread) {
      Thread.ofVirtual().name("sloth-cluster-send").start(action);
    } else {
      action.run();
    }
  }

  /** A future of Hazelcast's executor service as the stage it is. */
  @SuppressWarnings("unchecked")
  static <T> CompletionStage<T> stage(Future<T> f) {
    return (CompletionStage<T>) f;
  }

  /** {@code f.whenComplete(action)}, run on the completing thread. */
  static <T> void whenDone(CompletionStage<T> f, BiConsumer<? super T, ? super Throwable> action) {
    f.whenCompleteAsync(action, DIRECT);
  }

  /** {@code f.thenCompose(next)}, run on the completing thread; {@code f} is a Hazelcast future. */
  static <T, U> CompletableFuture<U> thenCompose(CompletionStage<T> f,
      Function<? super T, ? extends CompletionStage<U>> next) {
    return f.thenComposeAsync(next, DIRECT).toCompletableFuture();
  }
}
