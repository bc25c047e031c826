package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9, item 11: method references (overloaded ones too) work without casts; checked exceptions are causes. */
class MethodReferenceTest {
  /** Overloaded {@code len}: an instance method of no argument, one of one, and a static one of two. */
  static final class Text {
    final String s;

    Text(String s) {
      this.s = s;
    }

    int len() {
      return s.length();
    }

    int len(int max) {
      return Math.min(max, s.length());
    }

    static int len(Text a, Text b) {
      return a.s.length() + b.s.length();
    }
  }

  private final Graph g = Graph.builder().sequential().build();

  @Test
  void overloadedMethodReferencesResolveByArityWithoutCasts() {
    Fn1<Text, Integer> len = g.fn1("Len", Text::len);
    Fn2<Text, Integer, Integer> lenMax = g.fn2("LenMax", Text::len);
    Fn2<Text, Text, Integer> lenBoth = g.fn2("LenBoth", Text::len);
    Fn2<Integer, Integer, Integer> max = g.fn2("Max", Math::max); // overloaded on int, long, float, double

    Text hello = new Text("hello");
    assertThat(len.call(hello).get()).isEqualTo(5);
    assertThat(lenMax.call(hello, 3).get()).isEqualTo(3);
    assertThat(lenBoth.call(hello, new Text("ab")).get()).isEqualTo(7);
    assertThat(max.call(2, 9).get()).isEqualTo(9);
  }

  @Test
  void theGuidesBlockingReadCompilesAndAnIOExceptionIsTheCause(@TempDir Path dir) throws IOException {
    Fn1<Path, String> read = g.fn1("Read", FnOptions.defaults().blocking(), Files::readString);
    Path there = Files.writeString(dir.resolve("a.txt"), "content");

    assertThat(read.call(there).get()).isEqualTo("content");
    EvaluationException e = catchThrowableOfType(EvaluationException.class,
        () -> read.call(dir.resolve("missing.txt")).get());
    assertThat(e.getCause()).as("the checked exception itself, not wrapped")
        .isInstanceOf(java.nio.file.NoSuchFileException.class).isNotInstanceOf(UncheckedIOException.class);
    assertThat(e.getMessage()).contains("'Read#2' threw java.nio.file.NoSuchFileException");
  }

  @Test
  void everyKindAndArityTakesMethodReferencesAndCheckedExceptions() throws Exception {
    Fn0<String> zero = g.fn0("Zero", MethodReferenceTest::hello);
    Fn3<Integer, Integer, Integer, Integer> clamp = g.fn3("Clamp", MethodReferenceTest::clamp);
    Fn4<Integer, Integer, Integer, Integer, Integer> sum4 = g.fn4("Sum4", MethodReferenceTest::sum);
    Fn0<String> failing = g.fn0("Failing", MethodReferenceTest::failing);
    Node<String> computed = g.computed("computed", MethodReferenceTest::hello);

    assertThat(zero.call().get()).isEqualTo("hello");
    assertThat(clamp.call(15, 0, 10).get()).isEqualTo(10);
    assertThat(sum4.call(1, 2, 3, 4).get()).isEqualTo(10);
    assertThat(computed.get()).isEqualTo("hello");
    assertThat(catchThrowableOfType(EvaluationException.class, () -> failing.call().get()).getCause())
        .isInstanceOf(Exception.class).hasMessage("checked");
  }

  static String hello() {
    return "hello";
  }

  static String failing() throws Exception {
    throw new Exception("checked");
  }

  static int clamp(int x, int lo, int hi) {
    return Math.max(lo, Math.min(hi, x));
  }

  static int clamp(long x, long lo, long hi) {
    throw new AssertionError("the int overload applies");
  }

  static int sum(int a, int b, int c, int d) {
    return a + b + c + d;
  }
}
