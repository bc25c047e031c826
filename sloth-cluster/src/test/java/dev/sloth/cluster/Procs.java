package dev.sloth.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Child JVMs for the process tests: started with this JVM's class path (plus extra entries), lines read back. */
final class Procs {
  private Procs() {}

  /** A child JVM, the lines it printed, and its standard input. */
  static final class Child {
    final Process process;
    final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    String name;
    long pid;

    Child(Process p) {
      this.process = p;
      this.pid = p.pid();
      Thread reader = new Thread(() -> {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = r.readLine()) != null; ) {
            lines.add(line);
          }
        } catch (IOException ignored) {
          // the child died
        }
      }, "child-" + p.pid());
      reader.setDaemon(true);
      reader.start();
    }

    /** The first printed line starting with {@code prefix}, waiting at most {@code seconds}. */
    String await(String prefix, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      for (long left; (left = deadline - System.nanoTime()) > 0; ) {
        String line = lines.poll(left, TimeUnit.NANOSECONDS);
        if (line != null && line.startsWith(prefix)) {
          return line;
        }
      }
      throw new IllegalStateException("child " + pid + " printed no '" + prefix + "' line in " + seconds + " s"
          + (process.isAlive() ? "" : " (exited " + process.exitValue() + ")"));
    }

    /** Writes {@code line} to the child's standard input (see {@link ProcApp#main}). */
    synchronized void tell(String line) {
      try {
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().flush();
      } catch (IOException e) {
        throw new UncheckedIOException("child " + pid + " did not take the line '" + line + "'", e);
      }
    }

    void kill() {
      process.destroyForcibly();
    }
  }

  static Child java(List<Path> extraClassPath, List<String> props, String main, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    StringBuilder cp = new StringBuilder();
    for (Path p : extraClassPath) {
      cp.append(p).append(java.io.File.pathSeparator);
    }
    cp.append(System.getProperty("java.class.path"));
    cmd.addAll(List.of("-cp", cp.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
        "-Dhazelcast.phone.home.enabled=false", "-Dhazelcast.logging.type=jdk",
        "-Djava.util.logging.config.file=" + System.getProperty("java.util.logging.config.file", ""),
        "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"));
    cmd.addAll(props);
    cmd.add(main);
    cmd.addAll(List.of(args));
    try {
      return new Child(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles {@code source} (a class {@code className}) against this JVM's class path into {@code dir}. */
  static Path compile(Path dir, String className, String source) throws IOException {
    Path src = dir.resolve("src").resolve(className.replace('.', '/') + ".java");
    Files.createDirectories(src.getParent());
    Files.writeString(src, source);
    Path out = dir.resolve("classes");
    Files.createDirectories(out);
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    int rc = javac.run(null, null, null, "-d", out.toString(), "-cp", System.getProperty("java.class.path"),
        "--release", "21", src.toString());
    if (rc != 0) {
      throw new IllegalStateException("javac failed on " + src);
    }
    return out;
  }
}
