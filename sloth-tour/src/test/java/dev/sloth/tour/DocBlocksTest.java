package dev.sloth.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 16, item 4: every {@code ```java} block of {@code README.md} and {@code docs/*.md} compiles against the
 * libraries and runs, as a user would paste it.
 *
 * <p><b>How a block becomes a program.</b> A block that starts (after its imports) with a type declaration is a
 * compilation unit and compiles as it is; if it declares {@code main}, that runs. Any other block is a fragment of
 * statements: it becomes the body of {@code main} in a class that imports every {@code dev.sloth} package on the
 * class path and the usual JDK packages ({@code java.util}, {@code java.util.concurrent}, {@code java.nio.file},
 * {@code java.time}, ...); the block's own imports go first, so they win. Local records and classes are fine in a
 * fragment.
 *
 * <p><b>Markers</b>, an HTML comment on the line before the fence (invisible on GitHub):
 * <ul>
 *   <li>{@code <!-- doc-test: continues -->}: the block goes on from the previous fragment of the same file (whose
 *       statements, and those it continues, run first), so a guide can introduce {@code g}, {@code c} and {@code d}
 *       once.
 *   <li>{@code <!-- doc-test: compile-only -->}: compiled but not run (it waits for a server, reads the user's
 *       files, ...).
 *   <li>{@code <!-- doc-test: not code (why) -->}: neither compiled nor run: pseudo-code, output, a sketch. Say why.
 * </ul>
 *
 * <p>All fragments are compiled in one javac run (repeated for those without errors until a run has none), each
 * compilation unit on its own, then each block's {@code main} runs in this JVM, on its own daemon thread, with a
 * timeout. Relative paths a block writes land in this module's {@code target/doc-blocks} (surefire's working
 * directory), and so do the generated sources ({@code sources/}), to read after a failure. Every failure is reported
 * as {@code file:line} of the block's line at fault, with javac's message or the exception.
 */
class DocBlocksTest {
  /**
   * Guides whose blocks are compiled, run and reported but may fail without failing the build: for a guide being
   * rewritten. Empty: every guide is checked.
   */
  static final Set<String> NOT_YET_CHECKED = Set.of();

  private static final long TIMEOUT_SECONDS = 30;
  private static final Pattern FENCE = Pattern.compile("^```java\\s*$");
  private static final Pattern MARKER = Pattern.compile("^<!--\\s*doc-test:\\s*([a-z-]+( [a-z-]+)?)\\b.*-->\\s*$");
  private static final Pattern TYPE_DECLARATION = Pattern.compile(
      "^(public |final |abstract |sealed |non-sealed |@\\w+ )*(class|record|interface|enum) \\w+.*");
  private static final List<String> JDK_PACKAGES = List.of("java.util", "java.util.concurrent",
      "java.util.concurrent.atomic", "java.util.function", "java.util.stream", "java.nio.file", "java.time",
      "java.io", "java.math");

  /** One block: where it is, its lines, how to treat it, and the block it continues (or null). */
  record Block(String file, int line, List<String> code, String marker, Block previous) {
    String where() {
      return file + ":" + line;
    }

    boolean isUnit() {
      for (String l : code) {
        String t = l.strip();
        if (t.isEmpty() || t.startsWith("import ") || t.startsWith("//") || t.startsWith("package ")) {
          continue;
        }
        return TYPE_DECLARATION.matcher(l).matches();
      }
      return false;
    }
  }

  /** A block's outcome: null message when it compiled (and ran, unless compile-only). */
  record Outcome(Block block, String failure) {}

  private static Path root;
  private static List<Block> blocks;
  private static Map<String, List<Outcome>> outcomes;

  @BeforeAll
  static void compileAndRunEveryBlock() throws Exception {
    root = repositoryRoot();
    blocks = new ArrayList<>();
    List<Path> files = new ArrayList<>();
    files.add(root.resolve("README.md"));
    try (Stream<Path> docs = Files.list(root.resolve("docs"))) {
      docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
    }
    for (Path f : files) {
      blocks.addAll(extract(root.relativize(f).toString().replace(File.separatorChar, '/'),
          Files.readAllLines(f, StandardCharsets.UTF_8)));
    }
    outcomes = new TreeMap<>();
    Path work = Path.of("").toAbsolutePath().resolve("sources"); // kept, to read after a failure
    deleteRecursively(work);
    for (Outcome o : new Runner(work).run(blocks)) {
      outcomes.computeIfAbsent(o.block().file(), k -> new ArrayList<>()).add(o);
    }
    StringBuilder report = new StringBuilder("doc blocks (passing/all):");
    outcomes.forEach((file, list) -> report.append(String.format(Locale.ROOT, "%n  %-22s %3d/%-3d%s", file,
        list.stream().filter(o -> o.failure() == null).count(), list.size(),
        NOT_YET_CHECKED.contains(file) ? "  (not yet checked)" : "")));
    System.out.println(report);
  }

  @Test
  void everyJavaBlockOfTheReadmeAndTheGuidesCompilesAndRuns() {
    List<String> failures = new ArrayList<>();
    outcomes.forEach((file, list) -> {
      if (!NOT_YET_CHECKED.contains(file)) {
        list.stream().filter(o -> o.failure() != null).forEach(o -> failures.add(o.failure()));
      }
    });
    assertThat(failures).as("doc blocks that fail (fix the block, or mark it; see DocBlocksTest's comment)")
        .isEmpty();
  }

  @Test
  void theGuidesNotYetCheckedAreReportedNotHidden() {
    List<String> failing = new ArrayList<>();
    outcomes.forEach((file, list) -> {
      if (NOT_YET_CHECKED.contains(file)) {
        list.stream().filter(o -> o.failure() != null)
            .forEach(o -> failing.add(firstError(o.failure())));
      }
    });
    System.out.println("doc blocks failing in guides not yet checked (" + failing.size() + "):");
    failing.forEach(f -> System.out.println("  " + f));
    assertThat(outcomes).as("the README was found and read").containsKey("README.md");
    assertThat(outcomes.get("README.md")).as("README blocks").isNotEmpty();
  }

  /** The first error of a failure, with the symbol javac could not find, on one line. */
  private static String firstError(String failure) {
    List<String> lines = failure.lines().toList();
    String first = lines.get(0);
    if (lines.size() > 1 && lines.get(1).strip().startsWith("symbol:")) {
      first += " (" + lines.get(1).strip() + ")";
    }
    return first;
  }

  @Test
  void theExtractorFindsFencesMarkersAndContinuations() {
    List<Block> b = extract("x.md", List.of("text", "```java", "int a = 1;", "```", "<!-- doc-test: continues -->",
        "```java", "System.out.println(a);", "```", "<!-- doc-test: not code (output) -->", "```java",
        "a -> b", "```", "```sh", "echo", "```", "```java", "record R(int x) {}", "```"));
    assertThat(b).extracting(Block::line).containsExactly(3, 7, 11, 17);
    assertThat(b.get(1).previous()).isSameAs(b.get(0));
    assertThat(b.get(2).marker()).isEqualTo("not code");
    assertThat(b.get(3).isUnit()).isTrue();
    assertThat(b.get(0).isUnit()).isFalse();
  }

  @Test
  void aBrokenBlockIsReportedAtItsLine(@TempDir Path dir) throws Exception {
    List<Block> b = extract("bad.md", List.of("```java", "int a = 1;", "String s = a;", "```", "```java",
        "throw new IllegalStateException(\"boom\");", "```", "```java", "System.out.print(\"\");", "```"));
    List<Outcome> out = new Runner(dir).run(b);
    assertThat(out.get(0).failure()).startsWith("bad.md:3: ").contains("incompatible types");
    assertThat(out.get(1).failure()).contains("IllegalStateException: boom");
    assertThat(out.get(2).failure()).isNull();
  }

  // ------------------------------------------------------------------------------------------------ extraction

  static List<Block> extract(String file, List<String> lines) {
    List<Block> found = new ArrayList<>();
    Block last = null;
    for (int i = 0; i < lines.size(); i++) {
      if (!FENCE.matcher(lines.get(i)).matches()) {
        if (lines.get(i).startsWith("```")) { // another language: skip to its end
          for (i++; i < lines.size() && !lines.get(i).startsWith("```"); i++) { }
        }
        continue;
      }
      String marker = "";
      if (i > 0) {
        Matcher m = MARKER.matcher(lines.get(i - 1).strip());
        if (m.matches()) {
          marker = m.group(1);
        }
      }
      int start = i + 1;
      int end = start;
      while (end < lines.size() && !lines.get(end).startsWith("```")) {
        end++;
      }
      Block b = new Block(file, start + 1, List.copyOf(lines.subList(start, end)), marker,
          marker.equals("continues") ? last : null);
      found.add(b);
      if (!marker.equals("not code") && !b.isUnit()) {
        last = b; // what a later block may continue: the last fragment
      }
      i = end;
    }
    return found;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs"))) {
        return p;
      }
    }
    throw new IllegalStateException("no README.md with a docs/ folder above " + Path.of("").toAbsolutePath());
  }

  // --------------------------------------------------------------------------------------- compiling, running

  /** Compiles and runs blocks in a work directory. */
  static final class Runner {
    private final Path dir;
    private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    private final String classPath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));

    Runner(Path dir) {
      this.dir = dir;
    }

    List<Outcome> run(List<Block> blocks) throws Exception {
      List<String> imports = new ArrayList<>();
      for (String p : slothPackages(classPath)) {
        imports.add("import " + p + ".*;");
      }
      for (String p : JDK_PACKAGES) {
        imports.add("import " + p + ".*;");
      }
      imports.add("import org.jgrapht.graph.*;");
      Map<Block, Source> sources = new java.util.LinkedHashMap<>();
      int n = 0;
      for (Block b : blocks) {
        if (!b.marker().equals("not code")) {
          sources.put(b, Source.of(b, "DocBlock" + n++, imports));
        }
      }
      Map<Block, String> errors = new java.util.HashMap<>();
      Path fragments = dir.resolve("fragments");
      List<Source> batch = sources.values().stream().filter(s -> !s.unit).toList();
      // javac writes no class after its first error, and checks some things (definite assignment) only when no file
      // had errors: compile the sources without errors again until a run has none (one more run, usually two).
      List<Source> clean = batch;
      for (int run = 0; run < 10 && !clean.isEmpty(); run++) {
        Map<Block, String> found = compile(clean, fragments);
        if (found.isEmpty()) {
          break;
        }
        errors.putAll(found);
        clean = clean.stream().filter(s -> !errors.containsKey(s.block)).toList();
      }
      for (Source s : sources.values()) {
        if (s.unit) {
          errors.putAll(compile(List.of(s), dir.resolve(s.className)));
        }
      }
      List<Outcome> result = new ArrayList<>();
      for (Block b : blocks) {
        Source s = sources.get(b);
        if (s == null) {
          continue;
        }
        String failure = errors.get(b);
        if (failure == null && !b.marker().equals("compile-only")) {
          failure = execute(s, s.unit ? dir.resolve(s.className) : fragments);
        }
        result.add(new Outcome(b, failure));
      }
      return result;
    }

    private Map<Block, String> compile(List<Source> sources, Path out) throws IOException {
      if (sources.isEmpty()) {
        return Map.of();
      }
      Files.createDirectories(out);
      Path src = out.resolve("src");
      Map<String, Source> byFile = new java.util.HashMap<>();
      List<File> files = new ArrayList<>();
      for (Source s : sources) {
        Path f = src.resolve(s.className + ".java");
        Files.createDirectories(f.getParent());
        Files.writeString(f, s.text, StandardCharsets.UTF_8);
        byFile.put(f.toAbsolutePath().toString(), s);
        files.add(f.toFile());
      }
      DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
      try (StandardJavaFileManager fm =
          javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
        List<String> options = List.of("-d", out.toString(), "-cp", classPath, "-proc:none", "-nowarn",
            "-implicit:none", "-Xmaxerrs", "100000");
        javac.getTask(new StringWriter(), fm, diagnostics, options, null, fm.getJavaFileObjectsFromFiles(files))
            .call();
      }
      Map<Block, String> errors = new java.util.HashMap<>();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() != Diagnostic.Kind.ERROR) {
          continue;
        }
        Source s = d.getSource() == null ? null
            : byFile.get(Path.of(d.getSource().toUri()).toAbsolutePath().toString());
        if (s == null) { // not about one block: every block of this run failed
          for (Source each : sources) {
            errors.merge(each.block, each.block.where() + ": javac: " + d.getMessage(Locale.ROOT),
                (x, y) -> x + "\n" + y);
          }
        } else {
          errors.merge(s.block, s.block.file() + ":" + s.mdLine(d.getLineNumber()) + ": "
              + d.getMessage(Locale.ROOT), (a, b) -> a + "\n" + b);
        }
      }
      return errors;
    }

    private static String execute(Source s, Path classes) {
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread t;
      try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
          DocBlocksTest.class.getClassLoader())) {
        Class<?> c = Class.forName(s.mainClass(), true, loader);
        Method main = c.getMethod("main", String[].class);
        t = Thread.ofPlatform().daemon().name("doc-block " + s.block.where()).unstarted(() -> {
          try {
            main.invoke(null, (Object) new String[0]);
          } catch (InvocationTargetException e) {
            thrown.set(e.getCause());
          } catch (ReflectiveOperationException e) {
            thrown.set(e);
          }
        });
        t.start();
        t.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        if (t.isAlive()) {
          t.interrupt();
          return s.block.where() + ": did not finish within " + TIMEOUT_SECONDS + " s";
        }
      } catch (NoSuchMethodException e) {
        return null; // a compilation unit without main: compiling was the test
      } catch (ReflectiveOperationException | IOException | LinkageError e) {
        return s.block.where() + ": could not load: " + e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return s.block.where() + ": interrupted";
      }
      Throwable e = thrown.get();
      if (e == null) {
        return null;
      }
      return s.block.where() + ": threw " + e + atBlockLine(s, e);
    }

    private static String atBlockLine(Source s, Throwable e) {
      for (Throwable x = e; x != null; x = x.getCause()) {
        for (StackTraceElement f : x.getStackTrace()) {
          if (f.getClassName().startsWith(s.className) && f.getLineNumber() > 0) {
            return " (at " + s.block.file() + ":" + s.mdLine(f.getLineNumber()) + ")";
          }
        }
      }
      return "";
    }
  }

  /** The Java source of a block, and the way back from its lines to the Markdown file's. */
  static final class Source {
    final Block block;
    final String className;
    final boolean unit;
    final String text;
    private final List<int[]> lineMap; // source line (1-based) -> markdown line, for block lines

    private Source(Block block, String className, boolean unit, String text, List<int[]> lineMap) {
      this.block = block;
      this.className = className;
      this.unit = unit;
      this.text = text;
      this.lineMap = lineMap;
    }

    static Source of(Block b, String name, List<String> imports) {
      List<int[]> map = new ArrayList<>();
      StringBuilder t = new StringBuilder();
      int[] line = {0};
      if (b.isUnit()) {
        String className = unitName(b).orElse(name);
        emit(t, map, line, b, false);
        return new Source(b, className, true, t.toString(), map);
      }
      for (Block p = b; p != null; p = p.previous()) {
        for (String l : p.code()) {
          if (l.strip().startsWith("import ")) {
            append(t, map, line, l, p.line() + p.code().indexOf(l));
          }
        }
      }
      for (String i : imports) {
        append(t, map, line, i, -1);
      }
      append(t, map, line, "public class " + name + " {", -1);
      append(t, map, line, "  public static void main(String[] args) throws Exception {", -1);
      List<Block> chain = new ArrayList<>();
      for (Block p = b; p != null; p = p.previous()) {
        chain.add(0, p);
      }
      for (Block p : chain) {
        emit(t, map, line, p, true);
      }
      append(t, map, line, "  }", -1);
      append(t, map, line, "}", -1);
      return new Source(b, name, false, t.toString(), map);
    }

    private static void emit(StringBuilder t, List<int[]> map, int[] line, Block b, boolean dropImports) {
      for (int i = 0; i < b.code().size(); i++) {
        String l = b.code().get(i);
        append(t, map, line, dropImports && l.strip().startsWith("import ") ? "" : l, b.line() + i);
      }
    }

    private static void append(StringBuilder t, List<int[]> map, int[] line, String text, int mdLine) {
      t.append(text).append('\n');
      line[0]++;
      map.add(new int[] {line[0], mdLine});
    }

    private static java.util.Optional<String> unitName(Block b) {
      Pattern p = Pattern.compile("^public (final |abstract |sealed )*(class|record|interface|enum) (\\w+).*");
      for (String l : b.code()) {
        Matcher m = p.matcher(l);
        if (m.matches()) {
          return java.util.Optional.of(m.group(3));
        }
      }
      return java.util.Optional.empty();
    }

    String mainClass() {
      if (!unit) {
        return className;
      }
      for (String l : block.code()) {
        Matcher m = Pattern.compile("^package ([\\w.]+);").matcher(l.strip());
        if (m.matches()) {
          return m.group(1) + "." + mainType();
        }
      }
      return mainType();
    }

    private String mainType() {
      // the type declaring main: the last top-level type before the line with "static void main"
      String type = className;
      Pattern decl = Pattern.compile("^(public |final |abstract |sealed )*(class|record|interface|enum) (\\w+).*");
      for (String l : block.code()) {
        Matcher m = decl.matcher(l);
        if (m.matches()) {
          type = m.group(3);
        }
        if (l.contains("static void main(")) {
          return type;
        }
      }
      return type;
    }

    long mdLine(long sourceLine) {
      for (int[] e : lineMap) {
        if (e[0] == sourceLine) {
          return e[1] < 0 ? block.line() : e[1];
        }
      }
      return block.line();
    }
  }

  /** Every package below {@code dev.sloth} on the class path with a public class, but the tour's and test fixtures. */
  static Set<String> slothPackages(String classPath) {
    Set<String> packages = new TreeSet<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      Path p = Path.of(entry);
      try {
        if (Files.isDirectory(p.resolve("dev/sloth"))) {
          try (Stream<Path> walk = Files.walk(p.resolve("dev/sloth"))) {
            walk.filter(f -> f.toString().endsWith(".class")).forEach(f -> addPackage(packages,
                p.relativize(f).toString().replace(File.separatorChar, '/')));
          }
        } else if (entry.endsWith(".jar") && Files.isRegularFile(p)) {
          try (JarFile jar = new JarFile(p.toFile())) {
            jar.stream().forEach(e -> addPackage(packages, e.getName()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return packages;
  }

  private static void addPackage(Set<String> packages, String classFile) {
    if (!classFile.startsWith("dev/sloth/") || !classFile.endsWith(".class") || classFile.contains("$")
        || classFile.endsWith("module-info.class") || classFile.endsWith("package-info.class")) {
      return;
    }
    String pkg = classFile.substring(0, classFile.lastIndexOf('/')).replace('/', '.');
    if (!pkg.startsWith("dev.sloth.tour") && !pkg.endsWith(".testing") && !pkg.contains(".internal")
        && !pkg.startsWith("dev.sloth.bench")) {
      packages.add(pkg);
    }
  }
}
