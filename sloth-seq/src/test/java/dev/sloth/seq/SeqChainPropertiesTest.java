package dev.sloth.seq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Random chains of {@link Seq} operations against the same chain on a plain list (the model): every terminal and
 * the iterator give the model's elements, every resource opened (the source's, flatMap's inner sequences',
 * onClose's) is closed exactly once per iteration, and over an endless source a chain ending in {@code take(k)}
 * stops pulling: it never reads past the prefix the model needed.
 */
class SeqChainPropertiesTest {

  /** One operation, applied the same way to a Seq and to a list; {@code lazy}: fit for an endless source. */
  record Op(String name, boolean lazy, UnaryOperator<Seq<Integer>> seq, UnaryOperator<List<Integer>> model) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** Counts the inner sequences flatMap opens and closes, across one property try. */
  static final Counting INNER = new Counting();

  static List<Integer> batches(List<Integer> xs, int n, Function<List<Integer>, Integer> f) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < xs.size(); i += n) {
      out.add(f.apply(xs.subList(i, Math.min(xs.size(), i + n))));
    }
    return out;
  }

  static int sum(List<Integer> xs) {
    return xs.stream().mapToInt(Integer::intValue).sum();
  }

  @Provide
  Arbitrary<List<Op>> chains() {
    Arbitrary<Integer> c = Arbitraries.integers().between(-3, 3);
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 12);
    Arbitrary<Integer> size = Arbitraries.integers().between(1, 4);
    Arbitrary<Op> op = Arbitraries.oneOf(
        c.map(k -> new Op("map(x * " + k + " + 1)", true, s -> s.map(x -> x * k + 1),
            l -> l.stream().map(x -> x * k + 1).toList())),
        Arbitraries.integers().between(2, 3).map(m -> new Op("filter(x % " + m + " != 0)", true,
            s -> s.filter(x -> x % m != 0), l -> l.stream().filter(x -> x % m != 0).toList())),
        n.map(t -> new Op("take(" + t + ")", true, s -> s.take(t), l -> l.subList(0, Math.min(t, l.size())))),
        n.map(d -> new Op("drop(" + d + ")", true, s -> s.drop(d), l -> l.subList(Math.min(d, l.size()), l.size()))),
        n.map(k -> new Op("takeWhile(x < " + k * 3 + ")", true, s -> s.takeWhile(x -> x < k * 3),
            l -> l.stream().takeWhile(x -> x < k * 3).toList())),
        n.map(k -> new Op("dropWhile(x < " + k + ")", true, s -> s.dropWhile(x -> x < k),
            l -> l.stream().dropWhile(x -> x < k).toList())),
        size.map(b -> new Op("batch(" + b + ").map(sum)", true, s -> s.batch(b).map(SeqChainPropertiesTest::sum),
            l -> batches(l, b, SeqChainPropertiesTest::sum))),
        size.map(w -> new Op("windowSliding(" + w + ").map(sum)", true,
            s -> s.windowSliding(w).map(SeqChainPropertiesTest::sum), l -> {
              List<Integer> out = new ArrayList<>();
              for (int i = 0; i + w <= l.size(); i++) {
                out.add(sum(l.subList(i, i + w)));
              }
              return out;
            })),
        Arbitraries.just(new Op("chunkBy(x / 3).map(size * 1000 + first)", true,
            s -> s.chunkBy(x -> Math.floorDiv(x, 3)).map(b -> b.size() * 1000 + b.get(0)), l -> {
              List<Integer> out = new ArrayList<>();
              int i = 0;
              while (i < l.size()) {
                int j = i;
                while (j < l.size() && Math.floorDiv(l.get(j), 3) == Math.floorDiv(l.get(i), 3)) {
                  j++;
                }
                out.add((j - i) * 1000 + l.get(i));
                i = j;
              }
              return out;
            })),
        Arbitraries.just(new Op("dedupe()", false, Seq::dedupe, l -> l.stream().distinct().toList())),
        Arbitraries.just(new Op("dedupe(x % 4)", false, s -> s.dedupe(x -> x % 4), l -> {
          Set<Integer> seen = new HashSet<>();
          return l.stream().filter(x -> seen.add(x % 4)).toList();
        })),
        Arbitraries.just(new Op("sorted(by x % 3, stable)", false,
            s -> s.sorted(Comparator.comparingInt(x -> Math.floorMod(x, 3))), l -> {
              List<Integer> out = new ArrayList<>(l);
              out.sort(Comparator.comparingInt(x -> Math.floorMod(x, 3)));
              return out;
            })),
        Arbitraries.just(new Op("flatMap(x -> counted 0 .. x % 3)", true,
            s -> s.flatMap(x -> INNER.range(Math.floorMod(x, 3)).map(i -> x * 10 + i)), l -> {
              List<Integer> out = new ArrayList<>();
              for (int x : l) {
                for (int i = 0; i < Math.floorMod(x, 3); i++) {
                  out.add(x * 10 + i);
                }
              }
              return out;
            })),
        Arbitraries.just(new Op("enumerate().map(index * 1000 + value)", true,
            s -> s.enumerate().map(e -> (int) e.index() * 1000 + e.value()), l -> {
              List<Integer> out = new ArrayList<>();
              for (int i = 0; i < l.size(); i++) {
                out.add(i * 1000 + l.get(i));
              }
              return out;
            })),
        n.map(z -> new Op("zip(range(0, " + z + "), +)", true, s -> s.zip(Seq.range(0, z), Integer::sum), l -> {
          List<Integer> out = new ArrayList<>();
          for (int i = 0; i < Math.min(z, l.size()); i++) {
            out.add(l.get(i) + i);
          }
          return out;
        })),
        n.map(k -> new Op("concat(of(-1 .. -" + k + "))", false,
            s -> s.concat(Seq.range(0, k).map(i -> -1 - i)), l -> {
              List<Integer> out = new ArrayList<>(l);
              for (int i = 0; i < k; i++) {
                out.add(-1 - i);
              }
              return out;
            })),
        Arbitraries.just(new Op("mapToLong.boxed.map(intValue)", true,
            s -> s.mapToLong(x -> x).boxed().map(Long::intValue), l -> l)),
        Arbitraries.just(new Op("onClose(counted)", true, s -> s.onClose(ON_CLOSE::incrementAndGet), l -> l)));
    return op.list().ofMaxSize(5);
  }

  static final AtomicInteger ON_CLOSE = new AtomicInteger();

  private static Seq<Integer> chain(Seq<Integer> source, List<Op> ops) {
    Seq<Integer> s = source;
    for (Op op : ops) {
      s = op.seq().apply(s);
    }
    return s;
  }

  private static List<Integer> model(List<Integer> source, List<Op> ops) {
    List<Integer> l = source;
    for (Op op : ops) {
      l = op.model().apply(l);
    }
    return l;
  }

  @Property(tries = 300)
  void everyTerminalAgreesWithTheListModelAndClosesEverything(@ForAll("chains") List<Op> ops,
      @ForAll @IntRange(max = 25) int length, @ForAll @IntRange(min = -10, max = 40) int threshold) {
    Counting src = new Counting();
    int innerOpens = INNER.opens.get();
    int innerCloses = INNER.closes.get();
    int onCloseRuns = ON_CLOSE.get();
    Seq<Integer> seq = chain(src.range(length), ops);
    List<Integer> expected = model(java.util.stream.IntStream.range(0, length).boxed().toList(), ops);

    assertThat(seq.toList()).isEqualTo(expected);
    List<Integer> pulled = new ArrayList<>();
    Iterator<Integer> it = seq.iterator();
    while (it.hasNext()) {
      pulled.add(it.next());
    }
    assertThat(pulled).isEqualTo(expected);
    assertThat(seq.count()).isEqualTo(expected.size());
    assertThat(seq.first()).isEqualTo(expected.stream().findFirst());
    assertThat(seq.reduce(Integer::sum)).isEqualTo(expected.stream().reduce(Integer::sum));
    assertThat(seq.anyMatch(x -> x > threshold)).isEqualTo(expected.stream().anyMatch(x -> x > threshold));
    assertThat(seq.allMatch(x -> x > threshold)).isEqualTo(expected.stream().allMatch(x -> x > threshold));
    assertThat(seq.collect(Collectors.toList())).isEqualTo(expected);
    assertThat(seq.stream().filter(x -> x > threshold).findFirst())
        .isEqualTo(expected.stream().filter(x -> x > threshold).findFirst());
    assertThat(seq.take(3).toList()).isEqualTo(expected.subList(0, Math.min(3, expected.size())));
    Iterator<Integer> stoppedEarly = seq.iterator(); // abandoned after one element, then closed with the Seq
    if (stoppedEarly.hasNext()) {
      assertThat(stoppedEarly.next()).isEqualTo(expected.get(0));
    }
    seq.close();

    int iterations = 11;
    assertThat(src.opens).as("one source iteration per terminal").hasValue(iterations);
    assertThat(src.balanced()).as("source " + src).isTrue();
    assertThat(INNER.closes.get() - innerCloses).as("inner sequences").isEqualTo(INNER.opens.get() - innerOpens);
    if (ops.stream().anyMatch(o -> o.name().startsWith("onClose"))) {
      long onCloses = ops.stream().filter(o -> o.name().startsWith("onClose")).count();
      assertThat(ON_CLOSE.get() - onCloseRuns).as("onClose runs").isEqualTo((int) onCloses * iterations);
    }
  }

  @Property(tries = 300)
  void overAnEndlessSourceAChainEndingInTakeReadsOnlyAPrefix(@ForAll("chains") List<Op> chain,
      @ForAll @IntRange(min = 1, max = 20) int k) {
    List<Op> ops = chain.stream().filter(Op::lazy).toList();
    int prefix = 2_000;
    List<Integer> expected = model(java.util.stream.IntStream.range(0, prefix).boxed().toList(), ops);
    // the model's last elements may come from cutting the source at the prefix (a partial batch, flat-mapped):
    // compare only chains whose prefix gives plenty more than k elements
    if (expected.size() < k + 100) {
      return;
    }
    AtomicInteger pulls = new AtomicInteger();
    Seq<Integer> endless = Seq.generate(() -> {
      int x = pulls.getAndIncrement();
      if (x >= prefix) {
        throw new AssertionError("pulled past the prefix the model needed: " + ops + ".take(" + k + ")");
      }
      return x;
    });
    assertThat(chain(endless, ops).take(k).toList()).isEqualTo(expected.subList(0, k));
    int pushed = pulls.getAndSet(0);
    List<Integer> pulled = new ArrayList<>();
    chain(endless, ops).take(k).iterator().forEachRemaining(pulled::add);
    assertThat(pulled).isEqualTo(expected.subList(0, k));
    assertThat(pulls.get()).as("pull and push read the same number of elements").isEqualTo(pushed);
  }
}
