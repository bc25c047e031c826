package dev.sloth.viz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs Graphviz's {@code dot} on DOT text. The text is written to a temporary file that becomes the process's
 * standard input, and standard output and error go to temporary files, so no pipe can fill up and block either side:
 * the only wait is {@link Process#waitFor(long, TimeUnit)} with the timeout. On timeout the process and its
 * descendants are killed. The output is copied to the target only when {@code dot} succeeded, so a failed run never
 * leaves a half-written picture.
 */
final class Graphviz {
  private static final int ERROR_TEXT = 400;

  private Graphviz() {}

  /** The outcome: null on success, else why the picture was not rendered. */
  static String render(String command, String dotText, DrawResult.Format format, Path target, Duration timeout) {
    Path dir = target.toAbsolutePath().getParent();
    Path in = null;
    Path out = null;
    Path err = null;
    try {
      in = Files.createTempFile(dir, ".sloth-", ".dot");
      out = Files.createTempFile(dir, ".sloth-", "." + format.extension());
      err = Files.createTempFile(dir, ".sloth-", ".err");
      Files.writeString(in, dotText, StandardCharsets.UTF_8);
      Process p;
      try {
        p = new ProcessBuilder(List.of(command, "-T" + format.extension()))
            .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      } catch (IOException notStarted) {
        return "Graphviz '" + command + "' could not be started (" + notStarted.getMessage() + "); install Graphviz "
            + "(Debian: apt-get install graphviz, or ./sloth setup) to get " + format + " pictures";
      }
      boolean exited;
      try {
        // toNanos overflows beyond 292 years, which withTimeout accepts: then wait as long as dot runs
        long nanos = timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : timeout.toNanos();
        exited = p.waitFor(nanos, TimeUnit.NANOSECONDS);
      } catch (InterruptedException e) {
        kill(p);
        Thread.currentThread().interrupt();
        return "interrupted while Graphviz '" + command + "' was rendering; it was stopped";
      }
      if (!exited) {
        kill(p);
        return "Graphviz '" + command + "' did not finish within " + describe(timeout) + " and was stopped "
            + "(a smaller graph, Drawer.withMaxNodes, or a longer Drawer.withTimeout may help)";
      }
      if (p.exitValue() != 0) {
        // not readString: it throws on bytes that are not UTF-8, and dot may echo input in any encoding
        String text = new String(Files.readAllBytes(err), StandardCharsets.UTF_8).strip();
        if (text.length() > ERROR_TEXT) {
          text = text.substring(0, ERROR_TEXT) + "...";
        }
        return "Graphviz '" + command + "' failed with exit code " + p.exitValue()
            + (text.isEmpty() ? "" : ": " + text);
      }
      Files.copy(out, target, StandardCopyOption.REPLACE_EXISTING); // a new file, with the usual permissions
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the drawing " + target + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(in);
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void kill(Process p) {
    p.descendants().forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    try {
      p.waitFor(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String describe(Duration d) {
    return d.getSeconds() >= Long.MAX_VALUE / 1000 || d.toMillis() % 1000 == 0 // toMillis would overflow
        ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a leftover temporary file is harmless
      }
    }
  }
}
