package dev.sloth.array;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Without ASM on the class path (a build that excludes the dependency, a hand-made class path) {@link FusedLoops}
 * cannot generate a loop: the kernel's steps give the same values, and a warning says so, once. (Before, the failure
 * was not remembered: every evaluation tried to generate the loop again and logged the warning again, with its stack
 * trace, so a program evaluating one queue in a loop filled its log.)
 */
class FusedLoopsWithoutAsmTest {

  static final int EVALUATIONS = 5;

  /** Run in the child JVM (no ASM on its class path): evaluates one queue several times, prints a checksum. */
  public static void main(String[] args) {
    double sum = 0;
    for (int i = 0; i < EVALUATIONS; i++) {
      LArray a = LArray.fromFunction(100, k -> k).times(0.5).plus(1.0).sqrt();
      sum += Arrays.stream(a.evaluate().toDoubleArray()).sum();
    }
    System.out.println("SUM " + sum);
  }

  @Test
  void withoutAsmTheWarningIsLoggedOnceAndNotOnEveryEvaluation() throws Exception {
    String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("asm"))
        .collect(Collectors.joining(File.pathSeparator));
    List<String> out = ChildJvm.run(List.of(), classPath, FusedLoopsWithoutAsmTest.class);
    assertThat(out).as("the values are right without ASM").anyMatch(line -> line.startsWith("SUM "));
    assertThat(out.stream().filter(line -> line.contains("could not generate the loop")).count())
        .as("warnings for one queue shape evaluated %d times", EVALUATIONS).isEqualTo(1);
  }
}
