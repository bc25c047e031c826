package dev.sloth.seq;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The examples of docs/seq.md, compiled and checked. */
class GuideExamplesTest {

  @Test
  void sourcesSection(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("access.log");
    Files.write(file, List.of("x", "y"));
    Seq<String> letters = Seq.of("a", "b", "c");
    Seq<Integer> ints = Seq.range(0, 10);
    Seq<Long> longs = Seq.range(0L, 10_000_000_000L);
    Seq<String> names = Seq.from(List.of("ada", "bob"));
    Seq<Integer> once = Seq.fromIterator(List.of(1, 2).iterator());
    Seq<Integer> stream = Seq.fromStream(Stream.of(1, 2, 3));
    Seq<Double> noise = Seq.generate(Math::random);
    Seq<Integer> powers = Seq.iterate(1, x -> x * 2);
    Seq<Integer> digits = Seq.iterate(0, i -> i < 10, i -> i + 1);
    Seq<Integer> fib = Seq.unfold(new int[] {0, 1},
        s -> Optional.of(Map.entry(s[0], new int[] {s[1], s[0] + s[1]})));
    Seq<String> lines = Seq.lines(file);
    Seq<String> rows = Seq.using(() -> {
      try {
        return new BufferedReader(new FileReader(file.toFile()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }, r -> r.lines().iterator());

    assertThat(letters.count() + ints.count() + longs.take(3).count() + names.count() + once.count()
        + stream.count() + noise.take(2).count() + powers.take(4).count() + digits.count()
        + fib.take(5).count() + lines.count() + rows.count()).isEqualTo(3 + 10 + 3 + 2 + 2 + 3 + 2 + 4 + 10 + 5 + 2 + 2);
  }

  @Test
  void longSeqSection(@TempDir Path dir) throws IOException {
    long sum = LongSeq.range(0, 10_000_000)
        .map(x -> x * x)
        .filter(x -> x % 2 == 0)
        .sum();
    assertThat(sum).isEqualTo(java.util.stream.LongStream.range(0, 10_000_000).map(x -> x * x)
        .filter(x -> x % 2 == 0).sum());
    List<Long> firstTen = LongSeq.range(0, 10_000_000).map(x -> x * x).filter(x -> x % 2 == 0)
        .take(10).toList();
    assertThat(firstTen).hasToString("[0, 4, 16, 36, 64, 100, 144, 196, 256, 324]");

    assertThat(LongSeq.range(1, 6).reduce(1, (a, b) -> a * b)).isEqualTo(120);
    assertThat(LongSeq.of(3, 9, 4).reduce(Math::max)).hasToString("OptionalLong[9]");
    assertThat(LongSeq.iterate(1, x -> x <= 1000, x -> x * 10).toArray()).containsExactly(1, 10, 100, 1000);
    assertThat(LongSeq.range(0, 6).boxed().batch(2).toList()).hasToString("[[0, 1], [2, 3], [4, 5]]");
    assertThat(LongSeq.range(250, 253).mapToObj(Long::toHexString).toList()).hasToString("[fa, fb, fc]");
    assertThat(Seq.of("a", "bb", "ccc").mapToLong(String::length).sum()).isEqualTo(6);

    Path log = dir.resolve("app.log");
    Files.write(log, List.of("short", "x".repeat(10_001), "never read"));
    long read = 0;
    try (LongSeq sizes = Seq.lines(log).mapToLong(String::length)) {
      java.util.PrimitiveIterator.OfLong it = sizes.iterator();
      while (it.hasNext()) {
        read++;
        if (it.nextLong() > 10_000) {
          break;                        // try-with-resources closes the file
        }
      }
    }
    assertThat(read).isEqualTo(2);
  }

  @Test
  void operationsSection() {
    assertThat(Seq.range(0, 5).batch(2).toList()).hasToString("[[0, 1], [2, 3], [4]]");
    assertThat(Seq.range(0, 4).windowSliding(2).toList()).hasToString("[[0, 1], [1, 2], [2, 3]]");
    assertThat(Seq.of(1, 2, 1, 3, 2).dedupe().toList()).hasToString("[1, 2, 3]");
    assertThat(Seq.of("apple", "avocado", "banana", "apricot").chunkBy(s -> s.charAt(0)).toList())
        .hasToString("[[apple, avocado], [banana], [apricot]]");
    assertThat(Seq.of("a", "b", "c").zip(Seq.range(1, 3), (s, i) -> s + i).toList()).hasToString("[a1, b2]");
    assertThat(Seq.of("a", "b").enumerate().toList())
        .hasToString("[Indexed[index=0, value=a], Indexed[index=1, value=b]]");
  }

  @Test
  void pagedSection() {
    Seq<Integer> orders = Seq.paged(0, page -> CompletableFuture.completedFuture(
        page < 4 ? Page.of(List.of(page * 2, page * 2 + 1), page + 1) : Page.last(List.of(page * 2))));
    Seq<Integer> eager = Seq.paged(0, 3, page -> CompletableFuture.completedFuture(
        page < 4 ? Page.of(List.of(page), page + 1) : Page.last(List.<Integer>of())));
    Seq<String> users = Seq.paged(token -> CompletableFuture.completedFuture(
        token == null ? Page.of(List.of("ada"), "t1") : Page.last(List.of("bob"))));
    assertThat(orders.toList()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(eager.toList()).containsExactly(0, 1, 2, 3);
    assertThat(users.toList()).containsExactly("ada", "bob");
  }

  @Test
  void intSeqAndDoubleSeqSection(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("words.txt");
    Files.write(path, List.of("a", "sloth", "is"));
    Path prices = dir.resolve("prices.txt");
    Files.write(prices, List.of("1.25", "2.5"));
    int longest = Seq.lines(path).mapToInt(String::length).reduce(0, Math::max);
    int total = IntSeq.range(0, 1000).filter(x -> x % 3 == 0).sum();
    double sum = Seq.lines(prices).mapToDouble(Double::parseDouble).sum();
    java.util.OptionalDouble mean = DoubleSeq.of(1.5, 2.5, 4).average();
    double[] halves = DoubleSeq.iterate(1.0, x -> x / 2).take(4).toArray();
    assertThat(longest).isEqualTo(5);
    assertThat(total).isEqualTo(java.util.stream.IntStream.range(0, 1000).filter(x -> x % 3 == 0).sum());
    assertThat(sum).isEqualTo(3.75);
    assertThat(mean.getAsDouble()).isEqualTo(8.0 / 3);
    assertThat(halves).containsExactly(1.0, 0.5, 0.25, 0.125);
  }

  @Test
  void streamNamesTableAndNewTerminals() {
    assertThat(Seq.of(3, 1, 2).sorted().toList()).containsExactly(1, 2, 3);
    assertThat(Seq.range(0, 10).take(3).toList()).isEqualTo(Stream.iterate(0, x -> x + 1).limit(3).toList());
    assertThat(Seq.range(0, 10).drop(7).toList()).isEqualTo(Stream.iterate(0, x -> x + 1).limit(10).skip(7).toList());
    assertThat(Seq.of(1, 2, 1).dedupe().toList()).isEqualTo(Stream.of(1, 2, 1).distinct().toList());
    assertThat(Seq.of("a", "b").collect(java.util.stream.Collectors.joining(","))).isEqualTo("a,b");
    assertThat(Seq.range(0, 10).anyMatch(x -> x > 8)).isTrue();
  }
}
