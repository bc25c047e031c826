package dev.sloth.tour;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * The tour's printer: lines, timed steps and the folder where sections write files.
 *
 * <pre>{@code
 * int v = out.time("c.get()", () -> c.get());   // prints "  c.get() = 36   (201.3 ms)"
 * }</pre>
 */
final class Out {
  private final PrintStream stream;
  private final Path dir;

  Out(PrintStream stream, Path dir) {
    this.stream = stream;
    this.dir = dir;
  }

  /** Prints one indented line. */
  void line(String format, Object... args) {
    stream.println("  " + (args.length == 0 ? format : String.format(format, args)));
  }

  /** Prints an empty line. */
  void blank() {
    stream.println();
  }

  /** Runs {@code body}, prints its label, result and wall time, and returns the result. */
  <T> T time(String label, Callable<T> body) throws Exception {
    long start = System.nanoTime();
    T value = body.call();
    double ms = (System.nanoTime() - start) / 1e6;
    line("%-40s = %-20s (%.1f ms)", label, value, ms);
    return value;
  }

  /** Elapsed milliseconds since {@code startNanos}. */
  static double millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e6;
  }

  /** The folder where sections write their files (pictures, logs); created on demand. */
  Path dir() {
    try {
      return java.nio.file.Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
