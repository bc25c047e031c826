package dev.sloth.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class SeqOperationsTest {

  // ----------------------------------------------------------------------- properties against a List model

  /** Pull and push must agree with each other and with the List model. */
  private static <T> void agrees(Seq<T> seq, List<T> model) {
    assertThat(seq.toList()).isEqualTo(model);
    List<T> pulled = new ArrayList<>();
    for (T t : seq) {
      pulled.add(t);
    }
    assertThat(pulled).isEqualTo(model);
    assertThat(seq.count()).isEqualTo(model.size());
  }

  @Property(tries = 200)
  void mapFilterTakeDrop(@ForAll @Size(max = 30) List<@IntRange(min = -20, max = 20) Integer> xs,
      @ForAll @IntRange(max = 35) int n, @ForAll @IntRange(max = 35) int m) {
    List<Integer> model = xs.stream().map(x -> x * 3).filter(x -> x % 2 == 0).skip(m).limit(n).toList();
    agrees(Seq.from(xs).map(x -> x * 3).filter(x -> x % 2 == 0).drop(m).take(n), model);
  }

  @Property(tries = 200)
  void takeWhileDropWhile(@ForAll @Size(max = 30) List<@IntRange(min = -5, max = 5) Integer> xs) {
    agrees(Seq.from(xs).takeWhile(x -> x < 3), xs.stream().takeWhile(x -> x < 3).toList());
    agrees(Seq.from(xs).dropWhile(x -> x < 3), xs.stream().dropWhile(x -> x < 3).toList());
  }

  @Property(tries = 200)
  void batchAndWindows(@ForAll @Size(max = 30) List<Integer> xs, @ForAll @IntRange(min = 1, max = 7) int size) {
    List<List<Integer>> batches = new ArrayList<>();
    for (int i = 0; i < xs.size(); i += size) {
      batches.add(xs.subList(i, Math.min(xs.size(), i + size)));
    }
    agrees(Seq.from(xs).batch(size), batches);
    List<List<Integer>> windows = new ArrayList<>();
    for (int i = 0; i + size <= xs.size(); i++) {
      windows.add(xs.subList(i, i + size));
    }
    agrees(Seq.from(xs).windowSliding(size), windows);
  }

  @Property(tries = 200)
  void dedupeAndChunkBy(@ForAll @Size(max = 30) List<@IntRange(min = 0, max = 9) Integer> xs) {
    agrees(Seq.from(xs).dedupe(), xs.stream().distinct().toList());
    agrees(Seq.from(xs).dedupe(x -> x % 3), new ArrayList<>(xs.stream()
        .collect(Collectors.toMap(x -> x % 3, x -> x, (a, b) -> a, LinkedHashMap::new)).values()));
    List<List<Integer>> chunks = new ArrayList<>();
    for (int x : xs) {
      if (chunks.isEmpty() || chunks.get(chunks.size() - 1).get(0) / 3 != x / 3) {
        chunks.add(new ArrayList<>());
      }
      chunks.get(chunks.size() - 1).add(x);
    }
    agrees(Seq.from(xs).chunkBy(x -> x / 3), chunks);
  }

  @Property(tries = 200)
  void flatMapZipConcatEnumerate(@ForAll @Size(max = 15) List<@IntRange(min = 0, max = 4) Integer> xs,
      @ForAll @Size(max = 15) List<Integer> ys) {
    List<Integer> flat = xs.stream().flatMap(x -> IntStream.range(0, x).boxed()).toList();
    agrees(Seq.from(xs).flatMap(x -> Seq.range(0, x)), flat);
    List<String> zipped = new ArrayList<>();
    for (int i = 0; i < Math.min(xs.size(), ys.size()); i++) {
      zipped.add(xs.get(i) + "/" + ys.get(i));
    }
    agrees(Seq.from(xs).zip(Seq.from(ys), (a, b) -> a + "/" + b), zipped);
    List<Integer> both = new ArrayList<>(xs);
    both.addAll(ys);
    agrees(Seq.from(xs).concat(Seq.from(ys)), both);
    List<Seq.Indexed<Integer>> indexed = new ArrayList<>();
    for (int i = 0; i < ys.size(); i++) {
      indexed.add(new Seq.Indexed<>(i, ys.get(i)));
    }
    agrees(Seq.from(ys).enumerate(), indexed);
  }

  /** A push that a sink stops must leave every stage positioned so pulling resumes at the next element. */
  @Property(tries = 200)
  void pushThenPullResumesInOrder(@ForAll @Size(max = 30) List<Integer> xs, @ForAll @IntRange(max = 30) int k) {
    Seq<Integer> s = Seq.from(xs).filter(Objects::nonNull).map(x -> x + 1).drop(1).take(25);
    List<Integer> model = s.toList();
    Cursor<Integer> c = s.openCursor();
    List<Integer> got = new ArrayList<>();
    c.pushWhile(x -> {
      got.add(x);
      return got.size() < k;
    });
    while (c.hasNext()) {
      got.add(c.next());
    }
    c.close();
    assertThat(got).isEqualTo(model);
  }

  // ------------------------------------------------------------------------------------- sources

  @Test
  void sources() {
    assertThat(Seq.of(1, 2, 3).toList()).containsExactly(1, 2, 3);
    assertThat(Seq.empty().count()).isZero();
    assertThat(Seq.range(3, 6).toList()).containsExactly(3, 4, 5);
    assertThat(Seq.range(6, 3).toList()).isEmpty();
    assertThat(Seq.range(10_000_000_000L, 10_000_000_002L).toList()).containsExactly(10_000_000_000L, 10_000_000_001L);
    assertThat(Seq.iterate(1, x -> x * 2).take(5).toList()).containsExactly(1, 2, 4, 8, 16);
    assertThat(Seq.iterate(0, i -> i < 3, i -> i + 1).toList()).containsExactly(0, 1, 2);
    AtomicInteger counter = new AtomicInteger();
    assertThat(Seq.generate(counter::incrementAndGet).take(3).toList()).containsExactly(1, 2, 3);
    assertThat(counter).as("generate called once per element").hasValue(3);
    Seq<Integer> fib = Seq.unfold(new int[] {0, 1},
        s -> Optional.of(Map.entry(s[0], new int[] {s[1], s[0] + s[1]})));
    assertThat(fib.take(8).toList()).containsExactly(0, 1, 1, 2, 3, 5, 8, 13);
    assertThat(Seq.unfold(3, n -> n == 0 ? Optional.empty() : Optional.of(Map.entry("x" + n, n - 1))).toList())
        .containsExactly("x3", "x2", "x1");
  }

  @Test
  void valuesAreCopiedAndNullsAreKept() {
    String[] values = {"a", null, "c"};
    Seq<String> s = Seq.of(values);
    values[0] = "changed";
    assertThat(s.toList()).containsExactly("a", null, "c");
    assertThat(s.windowSliding(2).toList()).containsExactly(Arrays.asList("a", null), Arrays.asList(null, "c"));
  }

  @Test
  void reIterableSourcesStartOver() {
    Seq<Integer> s = Seq.from(List.of(1, 2, 3)).map(x -> x * 10);
    assertThat(s.toList()).containsExactly(10, 20, 30);
    assertThat(s.toList()).containsExactly(10, 20, 30);
    Seq<Integer> gen = Seq.iterate(1, x -> x + 1).take(2);
    assertThat(gen.toList()).isEqualTo(gen.toList());
  }

  @Test
  void oneShotSourcesRefuseASecondIterationClearly() {
    Seq<Integer> fromIterator = Seq.fromIterator(List.of(1, 2).iterator()).map(x -> x + 1);
    assertThat(fromIterator.toList()).containsExactly(2, 3);
    assertThatThrownBy(fromIterator::toList)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one-shot (built from an Iterator) and was already iterated");
    Seq<Integer> fromStream = Seq.fromStream(java.util.stream.Stream.of(1));
    fromStream.iterator();
    assertThatThrownBy(fromStream::iterator).hasMessageContaining("one-shot (built from a Stream)");
  }

  // ----------------------------------------------------------------------------------- laziness

  @Test
  void firstTenOfTenMillionPullsOnlyWhatItNeeds() {
    AtomicInteger squared = new AtomicInteger();
    List<Long> firstTen = Seq.range(0L, 10_000_000L)
        .peek(x -> squared.incrementAndGet())
        .map(x -> x * x)
        .filter(x -> x % 2 == 0)
        .take(10)
        .toList();
    assertThat(firstTen).containsExactly(0L, 4L, 16L, 36L, 64L, 100L, 144L, 196L, 256L, 324L);
    assertThat(squared).hasValue(19);
  }

  @Test
  void iteratorPullsOneElementAtATime() {
    AtomicInteger seen = new AtomicInteger();
    Iterator<Integer> it = Seq.range(0, 100).peek(x -> seen.incrementAndGet()).filter(x -> x % 10 == 9).iterator();
    assertThat(seen).hasValue(0);
    assertThat(it.next()).isEqualTo(9);
    assertThat(seen).hasValue(10);
    assertThat(it.hasNext()).isTrue();
    assertThat(seen).hasValue(20);
  }

  @Test
  void terminals() {
    assertThat(Seq.range(1L, 101L).reduce(0L, Long::sum)).isEqualTo(5050L);
    assertThat(Seq.<Integer>empty().reduce(Integer::sum)).isEmpty();
    assertThat(Seq.of(3, 1, 2).reduce(Integer::max)).contains(3);
    assertThat(Seq.of(3, 1, 2).first()).contains(3);
    assertThat(Seq.empty().first()).isEmpty();
    assertThatThrownBy(() -> Seq.of((String) null).first()).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("first element is null");
    assertThat(Seq.of("a", "b").stream().map(String::toUpperCase).toList()).containsExactly("A", "B");
    Iterator<Integer> it = Seq.of(1).iterator();
    it.next();
    assertThatThrownBy(it::next).isInstanceOf(NoSuchElementException.class);
  }

  @Property(tries = 30)
  void toListKeepsEveryElementAcrossChunkBoundaries(@ForAll @IntRange(max = 300_000) int n) {
    List<Integer> list = Seq.range(0, n).map(x -> x % 1000 == 7 ? null : x).toList();
    assertThat(list).hasSize(n);
    for (int i = 0; i < n; i++) {
      assertThat(list.get(i)).isEqualTo(i % 1000 == 7 ? null : i);
    }
  }

  @Test
  void resultListsAreImmutable() {
    List<Integer> all = Seq.range(0, 100).toList();
    assertThatThrownBy(() -> all.set(0, 1)).isInstanceOf(UnsupportedOperationException.class);
    List<List<Integer>> batches = Seq.range(0, 5).batch(2).toList();
    assertThat(batches).containsExactly(List.of(0, 1), List.of(2, 3), List.of(4));
    assertThatThrownBy(() -> batches.get(0).add(9)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> batches.add(List.of())).isInstanceOf(UnsupportedOperationException.class);
    List<Integer> window = Seq.range(0, 5).windowSliding(3).first().orElseThrow();
    assertThatThrownBy(() -> window.set(0, 1)).isInstanceOf(UnsupportedOperationException.class);
    List<String> chunk = Seq.of("aa", "ab", "b").chunkBy(s -> s.charAt(0)).first().orElseThrow();
    assertThat(chunk).containsExactly("aa", "ab");
    assertThatThrownBy(chunk::clear).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void toStringDescribesThePipelineWithoutRunningIt() {
    AtomicInteger ran = new AtomicInteger();
    Seq<List<Integer>> s = Seq.range(0, 10).peek(x -> ran.incrementAndGet()).filter(x -> x > 2).take(5)
        .concat(Seq.of(1, 2)).batch(2);
    assertThat(s).hasToString("Seq.range(0, 10).peek(..).filter(..).take(5).concat(Seq.of(2 values)).batch(2)");
    assertThat(Seq.from(List.of("a")).dedupe().zip(Seq.range(0L, 3L), (a, b) -> a + b))
        .hasToString("Seq.from(iterable).dedupe().zip(Seq.range(0L, 3L), ..)");
    assertThat(ran).hasValue(0);
    s.close();
    assertThat(s.toString()).endsWith(".batch(2) (closed)");
  }

  /** Builds a Seq of 12,000 concatenated sequences, the way a loop over many files does, and describes it. */
  static final class LongConcatChain {
    public static void main(String[] args) {
      Seq<Integer> all = Seq.empty();
      for (int i = 0; i < 12_000; i++) {
        all = all.concat(Seq.of(i));
      }
      System.out.println("described in " + all.toString().length() + " chars");
    }
  }

  @Test
  void aLongChainOfConcatsCostsMemoryLinearInItsLength() throws Exception {
    // Each node used to keep its whole upstream's description: 12,000 concats kept about 1.7 GB of strings (5,000:
    // 300 MB) and took seconds to build; now each keeps its own label. A child JVM with a small heap shows it.
    int described = "Seq.of(0 values)".length() + 12_000 * ".concat(Seq.of(1 values))".length();
    assertThat(runInChildJvm(LongConcatChain.class, "-Xmx64m")).isEqualTo("described in " + described + " chars");
  }

  /** Concatenates 20,000 counted resources in a loop, iterates the result every way, closes it; prints a summary. */
  static final class DeepConcatChain {
    public static void main(String[] args) {
      Counting parts = new Counting();
      Seq<Integer> all = Seq.empty();
      for (int i = 0; i < 20_000; i++) {
        all = all.concat(parts.range(1));
      }
      long count = all.count();
      long sum = all.toList().stream().mapToLong(Integer::longValue).sum();
      int pulled = 0;
      for (Iterator<Integer> it = all.iterator(); it.hasNext(); it.next()) {
        pulled++;
      }
      Optional<Integer> first = all.drop(19_999).first();
      Iterator<Integer> open = all.iterator();
      open.next(); // left open: close() ends it
      all.close();
      System.out.println(count + " " + sum + " " + pulled + " " + first.orElseThrow() + " " + parts);
    }
  }

  @Test
  void aLoopOfTwentyThousandConcatsIteratesWithTheDefaultStack() throws Exception {
    // A concat of concats used to nest a cursor per concat, and opening, pulling and closing recursed through them
    // all: StackOverflowError at a few thousand (Stream.concat warns of the same). -Xss1m: the JVM's default stack.
    int iterations = 4 * 20_000 + 1; // count, toList, iterator, drop.first: all 20,000 parts; the one left open: 1
    assertThat(runInChildJvm(DeepConcatChain.class, "-Xss1m", "-Xmx256m"))
        .isEqualTo("20000 0 20000 0 opens=" + iterations + " closes=" + iterations);
  }

  /** Runs {@code main} in a child JVM with {@code options} and this test's class path; its output, stripped. */
  private static String runInChildJvm(Class<?> main, String... options) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(Arrays.asList(options));
    command.add("-cp");
    command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    command.add(main.getName());
    Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child JVM ends").isTrue();
      String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      assertThat(child.exitValue()).as(output).isZero();
      return output;
    } finally {
      child.destroyForcibly();
    }
  }

  @Test
  void aConcatOfConcatsKeepsTheirOrderLazinessAndClosedChecks() {
    Counting a = new Counting();
    Counting b = new Counting();
    Counting c = new Counting();
    Seq<Integer> ab = a.range(2).concat(b.range(1));
    Seq<Integer> abc = ab.concat(c.range(2).map(x -> x + 10)).concat(Seq.of(99));
    assertThat(abc.toList()).containsExactly(0, 1, 0, 10, 11, 99);
    assertThat(abc.take(3).toList()).containsExactly(0, 1, 0);
    assertThat(c.opens).as("the third part is opened only when reached").hasValue(1);
    assertThat(a.balanced() && b.balanced() && c.balanced()).isTrue();
    ab.close();
    assertThatThrownBy(abc::toList).isInstanceOf(IllegalStateException.class)
        .hasMessage("this Seq is closed; build a new one to iterate again");
    assertThat(a.opens).as("refused before opening anything").hasValue(2);
  }

  @Test
  void closingAPipelineThatSharesItsUpstreamsVisitsEachOnce() {
    Seq<Integer> s = Seq.range(0, 2);
    for (int i = 0; i < 40; i++) {
      s = s.zip(s, Integer::sum); // 2^40 paths to the source
    }
    Seq<Integer> shared = s;
    assertTimeoutPreemptively(Duration.ofSeconds(30), shared::close);
    assertThatThrownBy(shared::iterator).hasMessage("this Seq is closed; build a new one to iterate again");
  }

  @Test
  void descriptionsOfNestedZipsAndConcatsAreWhole() {
    Seq<Integer> inner = Seq.of(1).concat(Seq.range(0, 2).zip(Seq.of(5), Integer::sum));
    assertThat(Seq.range(0, 3).concat(inner).map(x -> x)).hasToString(
        "Seq.range(0, 3).concat(Seq.of(1 values).concat(Seq.range(0, 2).zip(Seq.of(1 values), ..))).map(..)");
    inner.close();
    assertThat(Seq.range(0, 3).zip(inner, Integer::sum)).hasToString(
        "Seq.range(0, 3).zip(Seq.of(1 values).concat(Seq.range(0, 2).zip(Seq.of(1 values), ..)) (closed), ..)");
  }

  // -------------------------------------------------------------------------------------- errors

  @Test
  void badArgumentsFailEarlyWithClearMessages() {
    Seq<Integer> s = Seq.range(0, 3);
    assertThatThrownBy(() -> s.batch(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("batch(size): size must be positive but was 0");
    assertThatThrownBy(() -> s.take(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("take(n): n must be >= 0 but was -1");
    assertThatThrownBy(() -> s.drop(-2)).hasMessage("drop(n): n must be >= 0 but was -2");
    assertThatThrownBy(() -> s.windowSliding(-1))
        .hasMessage("windowSliding(size): size must be positive but was -1");
    assertThatThrownBy(() -> s.map(null)).isInstanceOf(NullPointerException.class).hasMessage("mapper");
    assertThatThrownBy(() -> Seq.paged(null, -1, c -> null))
        .hasMessage("paged: prefetch must be >= 0 pages but was -1");
    assertThatThrownBy(() -> s.flatMap(x -> null).toList()).isInstanceOf(NullPointerException.class)
        .hasMessageContaining("flatMap's mapper returned null instead of a Seq for 0");
  }
}
