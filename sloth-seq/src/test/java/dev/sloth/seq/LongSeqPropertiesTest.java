package dev.sloth.seq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.PrimitiveIterator;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.LongStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Random LongSeq pipelines against the same pipelines on {@code java.util.stream.LongStream}, the model. */
class LongSeqPropertiesTest {

  /** One operation, applied the same way to a LongSeq and to a LongStream. */
  record Op(String name, UnaryOperator<LongSeq> seq, UnaryOperator<LongStream> stream) {
    @Override
    public String toString() {
      return name;
    }
  }

  /** A source, as a LongSeq and as a fresh LongStream per use. */
  record Source(String name, LongSeq seq, Supplier<LongStream> stream) {
    @Override
    public String toString() {
      return name;
    }
  }

  @Provide
  Arbitrary<Source> sources() {
    Arbitrary<Source> ranges = Combinators.combine(
        Arbitraries.longs().between(-20, 20), Arbitraries.longs().between(-3, 40))
        .as((from, length) -> new Source("range(" + from + ", " + (from + length) + ")",
            LongSeq.range(from, from + length), () -> LongStream.range(from, from + length)));
    Arbitrary<Source> arrays = Arbitraries.longs().between(-50, 50).array(long[].class).ofMaxSize(30)
        .map(values -> new Source("of" + java.util.Arrays.toString(values), LongSeq.of(values),
            () -> LongStream.of(values)));
    Arbitrary<Source> boxed = Arbitraries.integers().between(0, 30)
        .map(n -> new Source("Seq.range(0, " + n + ").mapToLong", Seq.range(0, n).mapToLong(x -> x * 7L),
            () -> LongStream.range(0, n).map(x -> x * 7)));
    return Arbitraries.oneOf(ranges, arrays, boxed);
  }

  @Provide
  Arbitrary<List<Op>> pipelines() {
    Arbitrary<Long> k = Arbitraries.longs().between(-4, 4);
    Arbitrary<Integer> n = Arbitraries.integers().between(0, 25);
    Arbitrary<Op> op = Arbitraries.oneOf(
        k.map(c -> new Op("map(x * " + c + " + 1)", s -> s.map(x -> x * c + 1), s -> s.map(x -> x * c + 1))),
        Arbitraries.longs().between(2, 4).map(m -> new Op("filter(x % " + m + " == 0)",
            s -> s.filter(x -> x % m == 0), s -> s.filter(x -> x % m == 0))),
        n.map(t -> new Op("take(" + t + ")", s -> s.take(t), s -> s.limit(t))),
        n.map(d -> new Op("drop(" + d + ")", s -> s.drop(d), s -> s.skip(d))),
        k.map(c -> new Op("takeWhile(x < " + c * 8 + ")", s -> s.takeWhile(x -> x < c * 8),
            s -> s.takeWhile(x -> x < c * 8))),
        k.map(c -> new Op("dropWhile(x < " + c * 8 + ")", s -> s.dropWhile(x -> x < c * 8),
            s -> s.dropWhile(x -> x < c * 8))),
        Arbitraries.just(new Op("peek", s -> s.peek(x -> {}), s -> s.peek(x -> {}))),
        Arbitraries.just(new Op("boxed().mapToLong", s -> s.boxed().mapToLong(Long::longValue), s -> s)),
        Arbitraries.just(new Op("mapToObj(String).mapToLong(parse)",
            s -> s.mapToObj(Long::toString).mapToLong(Long::parseLong), s -> s)));
    return op.list().ofMaxSize(6);
  }

  @Property(tries = 300)
  void everyTerminalAgreesWithLongStream(@ForAll("sources") Source source, @ForAll("pipelines") List<Op> ops,
      @ForAll @IntRange(max = 30) int stopAfter) {
    LongSeq seq = source.seq();
    for (Op op : ops) {
      seq = op.seq().apply(seq);
    }
    Supplier<LongStream> model = () -> {
      LongStream s = source.stream().get();
      for (Op op : ops) {
        s = op.stream().apply(s);
      }
      return s;
    };
    long[] expected = model.get().toArray();

    assertThat(seq.toArray()).isEqualTo(expected);
    assertThat(seq.toList()).isEqualTo(model.get().boxed().toList());
    assertThat(seq.sum()).isEqualTo(model.get().sum());
    assertThat(seq.count()).isEqualTo(expected.length);
    assertThat(seq.first()).isEqualTo(model.get().findFirst());
    assertThat(seq.reduce(Math::min)).isEqualTo(model.get().reduce(Math::min));
    assertThat(seq.reduce(17, (a, b) -> a * 31 + b)).isEqualTo(model.get().reduce(17, (a, b) -> a * 31 + b));
    List<Long> forEach = new ArrayList<>();
    seq.forEach(forEach::add);
    assertThat(forEach).isEqualTo(model.get().boxed().toList());

    List<Long> pulled = new ArrayList<>();
    PrimitiveIterator.OfLong it = seq.iterator();
    while (it.hasNext()) {
      pulled.add(it.nextLong());
    }
    assertThat(pulled).isEqualTo(model.get().boxed().toList());

    // a push stopped by its sink leaves every stage positioned for pulling the rest, and a pull (which may look
    // ahead) leaves them positioned for pushing the rest
    List<Long> all = model.get().boxed().toList();
    LongCursor c = seq.openCursor();
    List<Long> mixed = new ArrayList<>();
    if (stopAfter > 0) {
      c.pushLongWhile(x -> {
        mixed.add(x);
        return mixed.size() < stopAfter;
      });
    }
    while (c.hasNext()) {
      mixed.add(c.nextLong());
    }
    c.close();
    assertThat(mixed).isEqualTo(all);

    LongCursor d = seq.openCursor();
    List<Long> pullThenPush = new ArrayList<>();
    for (int i = 0; i < stopAfter && d.hasNext(); i++) {
      pullThenPush.add(d.nextLong());
    }
    d.hasNext(); // a look-ahead stage now holds the next element
    d.pushAll(pullThenPush::add);
    d.close();
    assertThat(pullThenPush).isEqualTo(all);
  }
}
