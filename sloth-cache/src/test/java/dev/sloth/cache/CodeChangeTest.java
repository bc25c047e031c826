package dev.sloth.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Proofs (b), (c) and (i): a generated program with a known call graph is compiled with {@code javax.tools} in three
 * variants and run in child JVMs on one cache directory.
 *
 * <pre>
 *   Static      -> Prog.staticCall -> Helpers.twice -> Helpers.leaf           (static calls)
 *   Virtual     -> Op.v (abstract; captured Op.LEAFY)  => Op$2.v -> leaf     (virtual call, class-hierarchy analysis)
 *   Interface   -> Shape.area (captured Square)        => Square.area -> twice -> leaf   (interface call)
 *   Lambda      -> a lambda inside it -> leaf                                 (lambda)
 *   MethodRef   -> Helpers::twice -> leaf                                     (method reference)
 *   Inherited   -> new Derived().base -> Base.base -> leaf                    (inherited method)
 *   Unrelated   -> Helpers.other
 *   Plus(Static(3)), PlusU(Unrelated(3))                                      (dependents)
 *   Reflective, ReflectiveIncluded -> Class.forName("demo.Plugin")...compute  (reflection; the second has codeIncludes)
 * </pre>
 *
 * Variant "cosmetic" adds comments, renames locals and lambda parameters, moves every line and inserts an unrelated
 * lambda above the others; variant "edited" changes {@code Helpers.leaf} (two calls below most functions) and
 * {@code Plugin.compute}.
 */
@Execution(ExecutionMode.CONCURRENT)
class CodeChangeTest {
  private static final List<String> ALL = List.of("Inherited", "Interface", "Lambda", "MethodRef", "Plus", "PlusU",
      "Reflective", "ReflectiveIncluded", "Static", "Unrelated", "Virtual");

  @TempDir Path tmp;

  @Test
  void editingAHelperRerunsExactlyTheFunctionsThatReachItAndCosmeticEditsRerunNothing() throws IOException {
    Path v0 = compile("base", sources(false, false));
    Path cosmetic = compile("cosmetic", sources(true, false));
    Path edited = compile("edited", sources(false, true));
    Path cache = tmp.resolve("cache");

    String first = Child.run(List.of(v0), "demo.Prog", cache.toString());
    assertThat(ran(first)).isEqualTo(ALL);
    Map<String, String> before = values(first);
    assertThat(before).containsEntry("Static", "8").containsEntry("Reflective", "21");

    String second = Child.run(List.of(cosmetic), "demo.Prog", cache.toString());
    assertThat(ran(second)).as("(c) comments, renamed locals, an inserted lambda: nothing runs").isEmpty();
    assertThat(values(second)).isEqualTo(before);

    String third = Child.run(List.of(edited), "demo.Prog", cache.toString());
    assertThat(ran(third)).as("(b) exactly the functions that reach leaf(), and their dependents")
        .containsExactly("Inherited", "Interface", "Lambda", "MethodRef", "Plus", "ReflectiveIncluded", "Static",
            "Virtual");
    Map<String, String> after = values(third);
    assertThat(after).containsEntry("Static", "10").containsEntry("Unrelated", "2").containsEntry("Plus", "11");
    // (i) the reflective call is the documented miss: analysis cannot see Plugin, so the stale value is recalled;
    // with codeIncludes(Plugin.class) the edit is seen and the function runs.
    assertThat(after).containsEntry("Reflective", "21").containsEntry("ReflectiveIncluded", "24");
    assertThat(Child.line(third, "EXPLAIN Static")).isEqualTo(
        "'Static#1' ran: the code of method demo.Helpers.leaf(I)I changed");
    assertThat(Child.line(third, "EXPLAIN Plus")).isEqualTo("'Plus#1' ran: argument 1 changed");
    assertThat(Child.line(third, "EXPLAIN ReflectiveIncluded"))
        .isEqualTo("'ReflectiveIncluded#1' ran: the code of method demo.Plugin.compute(I)I changed");
  }

  private static List<String> ran(String out) {
    String r = Child.line(out, "RAN");
    return r.isEmpty() ? List.of() : Arrays.asList(r.split(","));
  }

  /** The {@code VALUE name=value} lines of a child's output. */
  static Map<String, String> values(String out) {
    Map<String, String> m = new TreeMap<>();
    out.lines().filter(l -> l.startsWith("VALUE ")).forEach(l -> {
      String[] kv = l.substring(6).split("=");
      m.put(kv[0], kv[1]);
    });
    return m;
  }

  private Path compile(String name, Map<String, String> sources) throws IOException {
    return compile(tmp, name, sources);
  }

  /** Compiles {@code sources} (package {@code demo}, by class name) into {@code tmp/<name>-classes}. */
  static Path compile(Path tmp, String name, Map<String, String> sources) throws IOException {
    Path src = tmp.resolve(name + "-src");
    Path out = tmp.resolve(name + "-classes");
    Files.createDirectories(src.resolve("demo"));
    Files.createDirectories(out);
    List<String> args = new ArrayList<>(List.of("-d", out.toString(), "--release", "21", "-g", "-proc:none",
        "-cp", System.getProperty("java.class.path")));
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path f = src.resolve("demo").resolve(e.getKey() + ".java");
      Files.writeString(f, e.getValue());
      args.add(f.toString());
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int rc = javac.run(null, null, err, args.toArray(String[]::new));
    assertThat(rc).as("javac of variant %s: %s", name, err).isZero();
    return out;
  }

  /** The program's sources; {@code cosmetic} changes only comments, names of locals and layout, plus a lambda. */
  static Map<String, String> sources(boolean cosmetic, boolean edited) {
    Map<String, String> s = new TreeMap<>();
    String c = cosmetic ? "  // a comment that changes nothing\n\n" : "";
    s.put("Helpers", """
        package demo;

        final class Helpers {
        %s  static int leaf(int %s) {
            return %s + %s;
          }

          static int twice(int k) {
        %s    int %s = leaf(k);
            return %s * 2;
          }

          static int other(int k) {
            return k - 1;
          }
        }
        """.formatted(c, cosmetic ? "value" : "k", cosmetic ? "value" : "k", edited ? "2" : "1", c,
        cosmetic ? "fromLeaf" : "t", cosmetic ? "fromLeaf" : "t"));
    s.put("Plugin", """
        package demo;

        public final class Plugin {
          public static int compute(int k) {
            return k * %s;
          }
        }
        """.formatted(edited ? "8" : "7"));
    s.put("Ran", """
        package demo;

        final class Ran {
          static final java.util.Set<String> SET = java.util.Collections.synchronizedSet(new java.util.TreeSet<>());
        }
        """);
    s.put("Shapes", """
        package demo;

        interface Shape {
          int area(int k);
        }

        record Square(int side) implements Shape {
          public int area(int k) {
            return Helpers.twice(k) + side - 1;
          }
        }

        enum Op {
          PLAIN {
            int v(int k) {
              return k;
            }
          },
          LEAFY {
            int v(int k) {
              return Helpers.leaf(k) * 3;
            }
          };

          abstract int v(int k);
        }

        class Base {
          int base(int k) {
            return Helpers.leaf(k) + 1;
          }
        }

        class Derived extends Base {}
        """);
    String k = cosmetic ? "arg" : "k";
    s.put("Prog", """
        package demo;

        import dev.sloth.cache.DiskCache;
        import dev.sloth.cache.PersistRule;
        import dev.sloth.graph.Fn1;
        import dev.sloth.graph.Function1;
        import dev.sloth.graph.Graph;
        import dev.sloth.graph.Node;
        import java.nio.file.Path;
        import java.util.LinkedHashMap;
        import java.util.Map;
        import java.util.function.IntUnaryOperator;

        public class Prog {
          interface F1 extends Function1<Integer, Integer> {}

          static int staticCall(int k) {
            return Helpers.twice(k);
          }

          static int reflect(int k) {
            try {
              return (Integer) Class.forName("demo.Plugin").getMethod("compute", int.class).invoke(null, k);
            } catch (ReflectiveOperationException e) {
              throw new IllegalStateException(e);
            }
          }

          public static void main(String[] args) {
        %1$s
            DiskCache cache = DiskCache.builder(Path.of(args[0])).defaultRule(PersistRule.forced())
                .rule("ReflectiveIncluded", PersistRule.forced().codeIncludes(Plugin.class)).build();
            Graph g = Graph.builder().persistentCache(cache).build();
            Shape shape = new Square(1);
            Op op = Op.LEAFY;
            Map<String, Node<Integer>> nodes = new LinkedHashMap<>();
        %4$s
            nodes.put("Static", g.fn1("Static", (F1) %2$s -> { Ran.SET.add("Static"); return staticCall(%2$s); }).call(3));
            nodes.put("Virtual", g.fn1("Virtual", (F1) %2$s -> { Ran.SET.add("Virtual"); return op.v(%2$s); }).call(3));
            nodes.put("Interface", g.fn1("Interface", (F1) %2$s -> { Ran.SET.add("Interface"); return shape.area(%2$s); }).call(3));
            nodes.put("Lambda", g.fn1("Lambda", (F1) %2$s -> {
              Ran.SET.add("Lambda");
              IntUnaryOperator %3$s = x -> Helpers.leaf(x) * 5;
              return %3$s.applyAsInt(%2$s);
            }).call(3));
            nodes.put("MethodRef", g.fn1("MethodRef", (F1) %2$s -> {
              Ran.SET.add("MethodRef");
              IntUnaryOperator %3$s = Helpers::twice;
              return %3$s.applyAsInt(%2$s);
            }).call(3));
            nodes.put("Inherited", g.fn1("Inherited", (F1) %2$s -> { Ran.SET.add("Inherited"); return new Derived().base(%2$s); }).call(3));
            nodes.put("Unrelated", g.fn1("Unrelated", (F1) %2$s -> { Ran.SET.add("Unrelated"); return Helpers.other(%2$s); }).call(3));
            nodes.put("Plus", g.fn1("Plus", (F1) %2$s -> { Ran.SET.add("Plus"); return %2$s + 1; }).call(nodes.get("Static")));
            nodes.put("PlusU", g.fn1("PlusU", (F1) %2$s -> { Ran.SET.add("PlusU"); return %2$s + 1; }).call(nodes.get("Unrelated")));
            nodes.put("Reflective", g.fn1("Reflective", (F1) %2$s -> { Ran.SET.add("Reflective"); return reflect(%2$s); }).call(3));
            nodes.put("ReflectiveIncluded", g.fn1("ReflectiveIncluded", (F1) %2$s -> {
              Ran.SET.add("ReflectiveIncluded");
              return reflect(%2$s);
            }).call(3));
            nodes.forEach((name, n) -> System.out.println("VALUE " + name + "=" + n.get()));
            System.out.println("RAN " + String.join(",", Ran.SET));
            nodes.forEach((name, n) -> System.out.println("EXPLAIN " + name + " " + cache.explain(n)));
            cache.close();
          }
        }
        """.formatted(cosmetic ? "    Runnable unrelated = () -> System.out.println(\"an unrelated lambda above\");\n"
            + "    unrelated.run(); // it shifts the numbering of every lambda below\n" : "",
        k, cosmetic ? "operator" : "f",
        cosmetic ? "    // the functions, each with a known place in the call graph\n" : ""));
    return s;
  }
}
