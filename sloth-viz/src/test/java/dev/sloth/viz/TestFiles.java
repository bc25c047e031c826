package dev.sloth.viz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the drawing tests share: whether Graphviz is here, reading files, fake {@code dot} scripts, DOT lines. */
final class TestFiles {
  /** Whether Graphviz is installed here: the tests assert a rendered picture if so, a clear fallback if not. */
  static final boolean HAS_DOT = onPath("dot");

  private TestFiles() {}

  static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An executable shell script {@code name} in {@code dir} running {@code body}. */
  static Path script(Path dir, String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  /** The attribute list of the box labelled (first line) {@code name}, at top level or in a cluster. */
  static String attributes(String dot, String name) {
    Matcher m = Pattern.compile("(?m)^ +n\\d+ \\[label=\"" + Pattern.quote(name) + "(\\\\n[^\"]*)?\".*$").matcher(dot);
    assertThat(m.find()).as("node %s in%n%s", name, dot).isTrue();
    return m.group();
  }

  /** The box lines, at top level or in a cluster. */
  static List<String> boxes(String dot) {
    return dot.lines().filter(l -> l.matches(" +n\\d+ \\[label=.*")).toList();
  }

  static List<String> arrows(String dot) {
    return dot.lines().filter(l -> l.matches("  n\\d+ -> n\\d+.*")).toList();
  }

  private static boolean onPath(String command) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, command))) {
        return true;
      }
    }
    return false;
  }
}
