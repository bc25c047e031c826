package dev.sloth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Child JVMs for the tests: the test's own classpath (plus directories before it), and no JVM flag at all (but see
 * {@link #startKillable}).
 */
final class Child {
  private Child() {}

  static Process start(List<Path> before, String main, String... args) {
    return start(before, List.of(), main, args);
  }

  /**
   * A child that the test will kill with -9: sqlite-jdbc extracts its native library to {@code nativeDir} instead of
   * {@code /tmp}. A killed JVM cannot delete its copy (about 1 MB each), so in {@code /tmp} every kill would leave one
   * behind for good; under the test's temporary directory it goes with the test. The only JVM flag a child gets.
   */
  static Process startKillable(Path nativeDir, String main, String... args) {
    return start(List.of(), List.of("-Dorg.sqlite.tmpdir=" + nativeDir), main, args);
  }

  private static Process start(List<Path> before, List<String> jvmOptions, String main, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-cp");
    StringBuilder cp = new StringBuilder();
    for (Path p : before) {
      cp.append(p).append(java.io.File.pathSeparator);
    }
    cmd.add(cp + System.getProperty("java.class.path"));
    cmd.add(main);
    cmd.addAll(List.of(args));
    try {
      return new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a child to its end (at most 120 s) and returns its output; fails the test if it did not exit with 0. */
  static String run(List<Path> before, String main, String... args) {
    Process p = start(before, main, args);
    try {
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      boolean ended = p.waitFor(120, TimeUnit.SECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      assertThat(ended && p.exitValue() == 0).as("child %s %s exited with 0; its output:%n%s", main,
          List.of(args), out).isTrue();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Reads {@code out} up to a line equal to {@code expected} (skipping the JVM's warnings); fails at its end. */
  static void await(java.io.BufferedReader out, String expected) throws IOException {
    StringBuilder seen = new StringBuilder();
    for (String line; (line = out.readLine()) != null; ) {
      if (line.equals(expected)) {
        return;
      }
      seen.append(line).append('\n');
    }
    throw new AssertionError("the child ended before printing " + expected + "; its output:\n" + seen);
  }

  /** The rest of the first line of {@code out} that starts with {@code prefix + " "}. */
  static String line(String out, String prefix) {
    return out.lines().filter(l -> l.startsWith(prefix + " ")).map(l -> l.substring(prefix.length() + 1))
        .findFirst().orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + out));
  }
}
