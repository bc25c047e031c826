package dev.sloth.progress;

import dev.sloth.graph.GraphListener;
import dev.sloth.graph.Node;
import java.io.Console;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar for long {@code get()}s: nodes done of nodes planned, and the node running now. Nothing is
 * shown for a {@code get()} that finishes within the delay (1 s by default), so quick gets stay silent. A graph has
 * no progress bar unless one is registered, which keeps library use quiet:
 *
 * <pre>{@code
 * g.addListener(ProgressListener.toConsole());
 * result.get();   // after 1 s: "get Sum#61  45% [=====>     ] 27/60 (0:00:01 / 0:00:01) Step#28"
 * }</pre>
 *
 * <p><b>How it counts.</b> A bar covers an <em>episode</em>: from the moment an evaluation starts while none is
 * open until the last open one finishes. Evaluations that start meanwhile (reads inside running functions, other
 * threads' gets) add their planned nodes to the total. A node counts as done when it ran, failed, or was found
 * valid without running; nodes settled another way (by a concurrent evaluation, or skipped because a dependency
 * failed) are not counted, and the bar is completed to its total when the episode ends successfully. The delay is
 * checked on every event and, for a single long node that sends none, once more by a timer when the delay is up.
 *
 * <p>On a terminal the bar is drawn in Unicode blocks on standard error and redrawn in place 5 times a second;
 * otherwise (output redirected, or a stream given to {@link #to}) it is written in ASCII, 100 columns wide, as a new
 * line each second when it changed, so that a log stays readable. Listener methods are synchronized: they are
 * short, and the bar redraws on its own thread.
 */
public final class ProgressListener implements GraphListener {
  private static final int WIDTH = 100;

  private final PrintStream out;
  private final boolean terminal;
  private final long delayNanos;
  private final int refreshMillis;
  private final LongSupplier clock;

  private int open;
  private long episode;
  private long startedAt;
  private long planned;
  private long done;
  private String current = "";
  private String requested = "";
  private boolean succeeded;
  private ProgressBar bar;
  /** The open episode's wake-up, cancelled when it ends so that no timer outlives a quick get; or null. */
  private CompletableFuture<Void> wakeUp;

  private ProgressListener(PrintStream out, boolean terminal, long delayNanos, int refreshMillis, LongSupplier clock) {
    this.out = out;
    this.terminal = terminal;
    this.delayNanos = delayNanos;
    this.refreshMillis = refreshMillis;
    this.clock = clock;
  }

  /**
   * A bar on standard error, shown once a {@code get()} has run for a second; Unicode on a terminal, else ASCII.
   *
   * @return a new listener; register it with {@code graph.addListener}
   */
  public static ProgressListener toConsole() {
    boolean terminal = isTerminal();
    return new ProgressListener(System.err, terminal, TimeUnit.SECONDS.toNanos(1), terminal ? 200 : 1000,
        System::nanoTime);
  }

  /**
   * A bar in ASCII on {@code out} (a log, a test's buffer), shown once a {@code get()} has run for a second.
   *
   * @param out where to write the bar
   * @return a new listener; register it with {@code graph.addListener}
   */
  public static ProgressListener to(PrintStream out) {
    Objects.requireNonNull(out, "out");
    return new ProgressListener(out, false, TimeUnit.SECONDS.toNanos(1), 1000, System::nanoTime);
  }

  /**
   * This listener showing its bar once a {@code get()} has run for {@code delay} (zero: at once).
   *
   * @param delay how long a {@code get()} runs before its bar shows; zero or more (292 years or more: never)
   * @return a changed copy (register the copy)
   */
  public ProgressListener showingAfter(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay is " + delay + "; expected zero or more");
    }
    long nanos = delay.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : delay.toNanos(); // never
    return new ProgressListener(out, terminal, nanos, refreshMillis, clock);
  }

  /**
   * This listener redrawing its bar every {@code interval} (at least 1 ms; default 200 ms on a terminal, else 1 s).
   *
   * @param interval the time between redraws; at least 1 ms
   * @return a changed copy (register the copy)
   */
  public ProgressListener refreshingEvery(Duration interval) {
    Objects.requireNonNull(interval, "interval");
    if (interval.toMillis() < 1) {
      throw new IllegalArgumentException("refresh interval is " + interval + "; expected at least 1 ms");
    }
    return new ProgressListener(out, terminal, delayNanos, (int) Math.min(Integer.MAX_VALUE, interval.toMillis()),
        clock);
  }

  /** For tests: this listener measuring the delay with {@code nanoClock} instead of {@link System#nanoTime}. */
  ProgressListener withClock(LongSupplier nanoClock) {
    return new ProgressListener(out, terminal, delayNanos, refreshMillis, nanoClock);
  }

  @Override
  public synchronized void evaluationStarted(Node<?> node, int plannedNodes) {
    if (open++ == 0) {
      episode++;
      startedAt = clock.getAsLong();
      planned = 0;
      done = 0;
      current = "";
      requested = node.name();
      succeeded = true;
      scheduleWakeUp(episode);
    }
    planned += plannedNodes;
    if (bar != null) {
      bar.maxHint(planned);
    }
    maybeShow();
  }

  @Override
  public synchronized void nodeStarted(Node<?> node) {
    if (open > 0) {
      current = node.name();
      if (bar != null) {
        bar.setExtraMessage(current);
      }
      maybeShow();
    }
  }

  @Override
  public void nodeFinished(Node<?> node, long nanos, boolean changed) {
    countDone();
  }

  @Override
  public void nodeFailed(Node<?> node, Throwable cause) {
    countDone();
  }

  @Override
  public void cacheHit(Node<?> node) {
    countDone();
  }

  private synchronized void countDone() {
    if (open > 0) {
      done = Math.min(done + 1, planned);
      if (bar != null) {
        bar.stepTo(done);
      }
      maybeShow();
    }
  }

  @Override
  public synchronized void evaluationFinished(Node<?> node, boolean ok) {
    if (open == 0) {
      return; // registered in the middle of an evaluation
    }
    succeeded &= ok;
    if (--open == 0 && wakeUp != null) {
      wakeUp.cancel(false); // removes its timer task, which holds this listener, from the shared scheduler
      wakeUp = null;
    }
    if (open == 0 && bar != null) {
      bar.stepTo(succeeded ? planned : done);
      bar.setExtraMessage(succeeded ? "done" : "failed");
      bar.close();
      bar = null;
    }
  }

  /**
   * Ends the bar of a {@code get()} still in progress, marked {@code stopped}, and its timer. Call it after {@code
   * graph.removeListener(this)} in the middle of a {@code get()}: the listener then never hears that the get ended,
   * and its bar would go on being redrawn (and printed, off a terminal) forever. Harmless when no bar is open, and
   * more than once; a listener still registered starts a new bar with the next {@code get()}.
   */
  public synchronized void close() {
    if (wakeUp != null) {
      wakeUp.cancel(false);
      wakeUp = null;
    }
    open = 0;
    if (bar != null) {
      bar.setExtraMessage("stopped");
      bar.close();
      bar = null;
    }
  }

  private void scheduleWakeUp(long ofEpisode) {
    if (delayNanos > 0 && delayNanos < Long.MAX_VALUE) {
      CompletableFuture<Void> timer = new CompletableFuture<>();
      timer.thenRun(() -> wakeUp(ofEpisode));
      timer.completeOnTimeout(null, delayNanos, TimeUnit.NANOSECONDS); // cancelling timer cancels its timeout
      wakeUp = timer;
    }
  }

  private synchronized void wakeUp(long ofEpisode) {
    if (open > 0 && episode == ofEpisode) {
      maybeShow();
    }
  }

  private void maybeShow() {
    if (bar != null || open == 0 || clock.getAsLong() - startedAt < delayNanos) {
      return;
    }
    ProgressBarBuilder b = new ProgressBarBuilder().setTaskName("get " + requested).setInitialMax(planned)
        .setUnit(" nodes", 1).continuousUpdate()
        .startsFrom(done, Duration.ofNanos(Math.max(0L, clock.getAsLong() - startedAt)));
    if (terminal) {
      b.setStyle(ProgressBarStyle.UNICODE_BLOCK).setConsumer(new ConsoleProgressBarConsumer(out))
          .setUpdateIntervalMillis(refreshMillis);
    } else {
      b.setStyle(ProgressBarStyle.ASCII).setConsumer(new LineConsumer(out))
          .setUpdateIntervalMillis(refreshMillis);
    }
    bar = b.build();
    bar.setExtraMessage(current);
  }

  /** Off a terminal: each frame on a line of its own, repeated frames dropped, so a log stays readable. */
  private static final class LineConsumer implements ProgressBarConsumer {
    private final PrintStream out;
    private String last = "";

    LineConsumer(PrintStream out) {
      this.out = out;
    }

    @Override
    public int getMaxRenderedLength() {
      return WIDTH;
    }

    @Override
    public synchronized void accept(String frame) {
      String line = frame.strip();
      if (!line.isEmpty() && !line.equals(last)) {
        out.println(line);
        last = line;
      }
    }

    @Override
    public void close() {
      out.flush();
    }
  }

  /** Whether standard output is an interactive terminal ({@code Console.isTerminal()} where the JDK has it). */
  private static boolean isTerminal() {
    Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal"); // JDK 22+: a Console may exist when redirected
      return (Boolean) isTerminal.invoke(c);
    } catch (NoSuchMethodException e) {
      return true; // JDK 21: a console exists only on a terminal
    } catch (ReflectiveOperationException | RuntimeException e) {
      return false;
    }
  }

  /** Whether the bar is on the console now. */
  synchronized boolean isShowing() {
    return bar != null;
  }

  @Override
  public String toString() {
    return "ProgressListener[delay=" + Duration.ofNanos(delayNanos) + (terminal ? ", terminal" : ", ascii") + "]";
  }
}
