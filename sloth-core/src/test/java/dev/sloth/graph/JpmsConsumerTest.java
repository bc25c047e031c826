package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 12: sloth-core used from a user's named JPMS module, on the module path, in a child JVM. The user's
 * module {@code com.acme} requires {@code dev.sloth.core} and neither exports nor opens the package of its record:
 * multi-output projections by accessor and function identities must work; reading a component by index must fail
 * with a message naming the exact {@code opens} line to add.
 */
class JpmsConsumerTest {
  private static final String MODULE_INFO = """
      module com.acme {
        requires dev.sloth.core;
      }
      """;

  private static final String MAIN = """
      package com.acme.internal;

      import dev.sloth.graph.*;

      public class Main {
        record DivMod(int q, int r) {}

        static int twice(int x) {
          return 2 * x;
        }

        public static void main(String[] args) {
          Graph g = Graph.builder().sequential().build();
          MultiFn1<Integer, DivMod> divMod = g.fnMulti1("DivMod", x -> new DivMod(x / 10, x % 10));
          Outputs<DivMod> qr = divMod.call(42);
          System.out.println("q=" + qr.get(DivMod::q).get() + " r=" + qr.get(DivMod::r).get());
          int k = 7;
          Fn1<Integer, Integer> addK = g.fn1("AddK", x -> x + k);
          System.out.println("captured=" + addK.identity().capturedValues() + " value=" + addK.call(1).get());
          System.out.println("method=" + g.fn1("Twice", Main::twice).identity().methodName());
          try {
            qr.get(0, Integer.class).get();
            System.out.println("by index: no error");
          } catch (EvaluationException e) {
            System.out.println("by index: " + e.getCause().getMessage());
          }
        }
      }
      """;

  @Test
  void aUsersModuleNeedsNoOpensAndAnIndexReadSaysExactlyWhatToAdd(@TempDir Path dir) throws Exception {
    Path src = dir.resolve("src");
    Path out = dir.resolve("out");
    write(src.resolve("module-info.java"), MODULE_INFO);
    write(src.resolve("com/acme/internal/Main.java"), MAIN);
    Path core = Path.of(Graph.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    java.util.spi.ToolProvider javac = java.util.spi.ToolProvider.findFirst("javac").orElseThrow();
    int compiled = javac.run(System.out, System.err, "-d", out.toString(), "--module-path", core.toString(),
        src.resolve("module-info.java").toString(), src.resolve("com/acme/internal/Main.java").toString());
    assertThat(compiled).as("the consumer module compiles against dev.sloth.core").isZero();

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", core + java.io.File.pathSeparator + out, "-m", "com.acme/com.acme.internal.Main"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    boolean done = p.waitFor(60, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

    assertThat(done).as("the child JVM finished").isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("q=4 r=2").contains("captured=[7] value=8").contains("method=twice")
        .contains("by index: output 'DivMod[0]' is component 'q' of record com.acme.internal.Main$DivMod")
        .contains("'opens com.acme.internal to dev.sloth.core;' to the module-info.java of module com.acme")
        .contains("outputs.get(DivMod::q)");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
