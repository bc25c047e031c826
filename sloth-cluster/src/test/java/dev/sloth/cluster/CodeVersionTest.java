package dev.sloth.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Code versions of variants of one application, each compiled with {@code javax.tools} and loaded by its own class
 * loader, as members built from different sources would load them. The function's own class is the same in every
 * variant; only a helper method in another class changes.
 */
class CodeVersionTest {
  private static final String APP = """
      package helperedit;
      import dev.sloth.cluster.*;
      public final class App {
        public static final ClusterFunctions FUNCTIONS = ClusterFunctions.create();
        public static final ClusterFunctions COARSE = ClusterFunctions.create(CodeVersion.implementationClassBytes());
        static {
          FUNCTIONS.fn1("Times", (Integer x) -> Factor.times(x));
          COARSE.fn1("Times", (Integer x) -> Factor.times(x));
        }
      }
      final class Factor {
        static int times(int %s) {%s
          return %s * %d;
        }
      }
      """;

  @TempDir static Path dir;

  private static String version(String variant, String table, String local, String comment, int factor)
      throws Exception {
    Path classes = Procs.compile(dir.resolve(variant), "helperedit.App",
        APP.formatted(local, comment, local, factor));
    try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
        CodeVersionTest.class.getClassLoader())) {
      ClusterFunctions t = (ClusterFunctions) loader.loadClass("helperedit.App").getField(table).get(null);
      return t.get("Times").codeVersion();
    }
  }

  @Test
  void anEditInAHelperMethodOfAnotherClassChangesTheVersionAndACosmeticEditDoesNot() throws Exception {
    String base = version("base", "FUNCTIONS", "x", "", 2);
    String edited = version("edited", "FUNCTIONS", "x", "", 3);
    String cosmetic = version("cosmetic", "FUNCTIONS", "renamed", "\n    // a comment\n", 2);
    assertThat(edited).as("the helper multiplies by 3 instead of 2").isNotEqualTo(base);
    assertThat(cosmetic).as("a renamed parameter and a comment").isEqualTo(base);
  }

  @Test
  void theCoarseClassFileHashMissesTheHelperEditWhichIsWhyItIsNotTheDefault() throws Exception {
    assertThat(version("coarse-base", "COARSE", "x", "", 2))
        .isEqualTo(version("coarse-edited", "COARSE", "x", "", 3));
  }

  @Test
  void aFunctionWhoseCodeCannotBeFoundIsAnErrorNamingIt() {
    java.util.function.Function<Integer, Integer> notSerializable = x -> x + 1;
    assertThatThrownBy(() -> CodeVersion.reachableBytecode().of("PlusOne", notSerializable))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("function 'PlusOne'");
  }
}
