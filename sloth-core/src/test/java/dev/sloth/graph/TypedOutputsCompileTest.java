package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 12: an output of the wrong type is a compile error, not a later {@code ClassCastException}. Compiles
 * snippets against sloth-core with the JDK's javac.
 */
class TypedOutputsCompileTest {
  private static final String TEMPLATE = """
      import dev.sloth.graph.*;
      import java.util.List;

      class Snippet {
        record DivMod(int q, int r) {}

        void snippet(Graph g) {
          MultiFn1<Integer, DivMod> divMod = g.fnMulti1("DivMod", x -> new DivMod(x / 10, x % 10));
          MultiFn1<Integer, List<Integer>> split = g.fnMulti1("Split", x -> List.of(x / 10, x % 10));
          STATEMENT
        }
      }
      """;

  @Test
  void aWronglyTypedOutputDoesNotCompile(@TempDir Path dir) throws Exception {
    assertThat(compile(dir, "Node<Integer> q = divMod.call(42).get(DivMod::q);")).as("the right type").isEmpty();
    assertThat(compile(dir, "Node<Integer> t = split.call(42).get(0, Integer.class);")).isEmpty();

    assertThat(compile(dir, "Node<String> q = divMod.call(42).get(DivMod::q);")).contains("incompatible types");
    assertThat(compile(dir, "Node<String> q = split.call(42).get(0, Integer.class);")).contains("incompatible types");
    assertThat(compile(dir, "Node<String> q = split.call(42).get(0);")).contains("error");
  }

  /** The compiler's errors for the snippet, or "" if it compiled. */
  private static String compile(Path dir, String statement) throws Exception {
    Path src = Files.writeString(dir.resolve("Snippet.java"), TEMPLATE.replace("STATEMENT", statement));
    Path core = Path.of(Graph.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc = java.util.spi.ToolProvider.findFirst("javac").orElseThrow().run(
        new PrintStream(err, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
        "-d", dir.resolve("out").toString(), "-cp", core.toString(), src.toString());
    return rc == 0 ? "" : err.toString(StandardCharsets.UTF_8);
  }
}
