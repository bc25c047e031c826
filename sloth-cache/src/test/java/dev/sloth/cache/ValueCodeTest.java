package dev.sloth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a function does with a record or an enum it is given depends on the code of that class, though the function
 * may never name it: an enum constant's fields are set in the enum's static initializer, and a library calls a
 * record's {@code toString} back. A generated program, compiled in two variants that differ only there, runs in
 * child JVMs on one cache directory:
 *
 * <pre>
 *   Weight  -> Level.weight()                  (an enum argument's field, set by HIGH(10))
 *   Parsed  -> Level.valueOf(s).weight()       (an enum the function finds itself)
 *   Shown   -> String.valueOf(point)           (a record argument's toString, called by the JDK)
 *   Read    -> "read " + p.get()               (a computed node reading a source holding a record)
 *   Plain   -> x + 1                           (none of them: never reruns)
 * </pre>
 *
 * Variant "edited" changes HIGH(10) to HIGH(20) and Point's toString.
 */
class ValueCodeTest {
  @TempDir Path tmp;

  @Test
  void editingTheClassOfAValueAFunctionIsGivenRerunsItAndNothingElse() throws IOException {
    Path base = CodeChangeTest.compile(tmp, "base", sources(false));
    Path edited = CodeChangeTest.compile(tmp, "edited", sources(true));
    Path cache = tmp.resolve("cache");

    String first = Child.run(List.of(base), "demo.Prog", cache.toString());
    assertThat(Child.line(first, "RAN")).isEqualTo("Parsed,Plain,Read,Shown,Weight");
    assertThat(CodeChangeTest.values(first)).containsExactlyEntriesOf(new TreeMap<>(Map.of("Weight", "10", "Parsed", "10",
        "Shown", "(1,2)", "Read", "read (1,2)", "Plain", "2")));

    String second = Child.run(List.of(base), "demo.Prog", cache.toString());
    assertThat(Child.line(second, "RAN")).as("the same code again: everything recalled").isEmpty();

    String third = Child.run(List.of(edited), "demo.Prog", cache.toString());
    assertThat(CodeChangeTest.values(third)).as("no stale value").containsExactlyEntriesOf(new TreeMap<>(Map.of("Weight", "20",
        "Parsed", "20", "Shown", "<1;2>", "Read", "read <1;2>", "Plain", "2")));
    assertThat(Child.line(third, "RAN")).isEqualTo("Parsed,Read,Shown,Weight");
    assertThat(Child.line(third, "EXPLAIN Parsed"))
        .isEqualTo("'Parsed#1' ran: the code of method demo.Level.<clinit>()V changed");
  }

  private static Map<String, String> sources(boolean edited) {
    Map<String, String> s = new TreeMap<>();
    s.put("Level", """
        package demo;

        enum Level {
          LOW(1), HIGH(%s);

          private final int weight;

          Level(int weight) {
            this.weight = weight;
          }

          int weight() {
            return weight;
          }
        }
        """.formatted(edited ? "20" : "10"));
    s.put("Point", """
        package demo;

        record Point(int x, int y) {
          @Override
          public String toString() {
            return %s;
          }
        }
        """.formatted(edited ? "\"<\" + x + \";\" + y + \">\"" : "\"(\" + x + \",\" + y + \")\""));
    s.put("Ran", """
        package demo;

        final class Ran {
          static final java.util.Set<String> SET = java.util.Collections.synchronizedSet(new java.util.TreeSet<>());
        }
        """);
    s.put("Prog", """
        package demo;

        import dev.sloth.cache.DiskCache;
        import dev.sloth.cache.PersistRule;
        import dev.sloth.graph.Function0;
        import dev.sloth.graph.Function1;
        import dev.sloth.graph.Graph;
        import dev.sloth.graph.Node;
        import dev.sloth.graph.Source;
        import java.nio.file.Path;
        import java.util.LinkedHashMap;
        import java.util.Map;

        public class Prog {
          interface F1<A, R> extends Function1<A, R> {}

          interface F0<R> extends Function0<R> {}

          public static void main(String[] args) {
            DiskCache cache = DiskCache.builder(Path.of(args[0])).defaultRule(PersistRule.forced()).build();
            Graph g = Graph.builder().persistentCache(cache).build();
            Map<String, Node<?>> nodes = new LinkedHashMap<>();
            nodes.put("Weight", g.fn1("Weight", (F1<Level, Integer>) l -> {
              Ran.SET.add("Weight");
              return l.weight();
            }).call(Level.HIGH));
            nodes.put("Parsed", g.fn1("Parsed", (F1<String, Integer>) n -> {
              Ran.SET.add("Parsed");
              return Level.valueOf(n).weight();
            }).call("HIGH"));
            nodes.put("Shown", g.fn1("Shown", (F1<Point, String>) p -> {
              Ran.SET.add("Shown");
              return String.valueOf(p);
            }).call(new Point(1, 2)));
            Source<Point> p = g.source("p", new Point(1, 2));
            nodes.put("Read", g.computed("Read", (F0<String>) () -> {
              Ran.SET.add("Read");
              return "read " + p.get();
            }));
            nodes.put("Plain", g.fn1("Plain", (F1<Integer, Integer>) x -> {
              Ran.SET.add("Plain");
              return x + 1;
            }).call(1));
            nodes.forEach((name, n) -> System.out.println("VALUE " + name + "=" + n.get()));
            System.out.println("RAN " + String.join(",", Ran.SET));
            nodes.forEach((name, n) -> System.out.println("EXPLAIN " + name + " " + cache.explain(n)));
            cache.close();
          }
        }
        """);
    return s;
  }
}
