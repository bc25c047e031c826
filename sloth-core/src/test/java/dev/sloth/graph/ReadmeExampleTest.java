package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's quick start, as written there: it must compile, run, and print what the README says. */
class ReadmeExampleTest {

  @Test
  void theQuickStartRunsAsWritten() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
    // --- from README.md (System.out replaced by out) ---
    Graph g = Graph.create();
    Fn1<Integer, Integer> square = g.fn1("Square", x -> x * x);
    Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (x, y) -> x * y);

    Node<Integer> a = square.call(2);                 // records, runs nothing
    Node<Integer> c = mul.call(a, square.call(3));    // arguments: plain values or nodes, in any mix
    out.println(c.get());                             // 36: runs Square, Square (in parallel), then Mul

    Source<Integer> x = g.source("x", 2);             // a settable input
    Node<Integer> y = square.call(x);
    out.println(y.get());                             // 4
    x.set(5);                                         // invalidates exactly what depends on x
    out.println(y.get());                             // 25: only Square(x) ran again

    Node<Integer> z = g.computed("z", () -> y.get() + c.get());   // dependencies discovered as read
    out.println(z.get());                             // 61
    // --- end ---

    assertThat(printed.toString(StandardCharsets.UTF_8).lines()).containsExactly("36", "4", "25", "61");
  }
}
