package dev.sloth.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.PrimitiveIterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** IntSeq and DoubleSeq beside LongSeq: the same rules, checked against IntStream and DoubleStream as models. */
class IntAndDoubleSeqTest {

  @Property(tries = 200)
  void intSeqAgreesWithIntStream(@ForAll @Size(max = 40) List<@IntRange(min = -1000, max = 1000) Integer> values,
      @ForAll @IntRange(min = 1, max = 7) int divisor, @ForAll @IntRange(min = 0, max = 45) int limit) {
    int[] array = values.stream().mapToInt(Integer::intValue).toArray();
    IntSeq seq = IntSeq.of(array).map(x -> x * 31).filter(x -> x % divisor != 0).take(limit);
    IntStream model = IntStream.of(array).map(x -> x * 31).filter(x -> x % divisor != 0).limit(limit);
    assertThat(seq.toArray()).containsExactly(model.toArray());
    assertThat(seq.sum()).isEqualTo(IntStream.of(array).map(x -> x * 31).filter(x -> x % divisor != 0)
        .limit(limit).sum());
    assertThat(seq.reduce(Math::max)).isEqualTo(IntStream.of(array).map(x -> x * 31)
        .filter(x -> x % divisor != 0).limit(limit).reduce(Math::max));
  }

  @Property(tries = 200)
  void doubleSeqAgreesWithDoubleStreamBitForBit(@ForAll @Size(max = 60) List<Double> values) {
    double[] array = values.stream().mapToDouble(Double::doubleValue).toArray();
    assertThat(Double.doubleToLongBits(DoubleSeq.of(array).sum()))
        .as("compensated sum").isEqualTo(Double.doubleToLongBits(DoubleStream.of(array).sum()));
    OptionalDouble average = DoubleSeq.of(array).average();
    OptionalDouble expected = DoubleStream.of(array).average();
    assertThat(average.isPresent()).isEqualTo(expected.isPresent());
    if (expected.isPresent()) {
      assertThat(Double.doubleToLongBits(average.getAsDouble()))
          .isEqualTo(Double.doubleToLongBits(expected.getAsDouble()));
    }
    assertThat(DoubleSeq.of(array).map(x -> x * 0.5).filter(x -> x > 0).toArray())
        .containsExactly(DoubleStream.of(array).map(x -> x * 0.5).filter(x -> x > 0).toArray());
  }

  @Test
  void sourcesOperationsAndTerminals() {
    assertThat(IntSeq.range(0, 5).toArray()).containsExactly(0, 1, 2, 3, 4);
    assertThat(IntSeq.iterate(1, x -> x * 2).take(5).toList()).containsExactly(1, 2, 4, 8, 16);
    assertThat(IntSeq.iterate(0, x -> x < 3, x -> x + 1).boxed().toList()).containsExactly(0, 1, 2);
    assertThat(IntSeq.range(0, 10).dropWhile(x -> x < 7).first()).isEqualTo(OptionalInt.of(7));
    assertThat(IntSeq.empty().first()).isEmpty();
    assertThat(IntSeq.of(Integer.MAX_VALUE, 1).sum()).as("wraps like IntStream.sum()").isEqualTo(Integer.MIN_VALUE);
    assertThat(IntSeq.range(0, 4).asLongSeq().map(x -> x * 1_000_000_000_000L).sum()).isEqualTo(6_000_000_000_000L);
    assertThat(IntSeq.range(0, 3).asDoubleSeq().map(x -> x / 2).toArray()).containsExactly(0.0, 0.5, 1.0);
    assertThat(IntSeq.range(0, 100).anyMatch(x -> x == 50)).isTrue();
    assertThat(IntSeq.generate(() -> 7).take(3).mapToObj(Integer::toString).toList()).containsExactly("7", "7", "7");

    assertThat(DoubleSeq.iterate(1.0, x -> x / 2).take(4).toArray()).containsExactly(1.0, 0.5, 0.25, 0.125);
    assertThat(DoubleSeq.of(1, 4, 9).map(Math::sqrt).toList()).containsExactly(1.0, 2.0, 3.0);
    assertThat(DoubleSeq.of(-0.0).toArray()[0]).as("raw bits kept: -0.0 stays -0.0").isEqualTo(-0.0);
    assertThat(Double.doubleToRawLongBits(DoubleSeq.of(Double.NaN).first().getAsDouble()))
        .isEqualTo(Double.doubleToRawLongBits(Double.NaN));
    assertThat(DoubleSeq.of(1.5, 2.5).reduce(0, Double::sum)).isEqualTo(4.0);
    assertThat(DoubleSeq.empty().average()).isEmpty();
    assertThat(LongSeq.range(0, 4).asDoubleSeq().map(x -> x / 2).sum()).isEqualTo(3.0);
    assertThat(Seq.of("a", "bb", "ccc").mapToInt(String::length).sum()).isEqualTo(6);
    assertThat(Seq.of("1.5", "2.25").mapToDouble(Double::parseDouble).sum()).isEqualTo(3.75);
  }

  @Test
  void theyOwnTheirSeqsResourcesAndSayWhatTheyAre() {
    Counting src = new Counting();
    assertThat(src.range(10).mapToInt(x -> x).take(3).sum()).isEqualTo(3);
    assertThat(src.range(10).mapToDouble(x -> x).anyMatch(x -> x > 4)).isTrue();
    assertThat(src.balanced()).as(src.toString()).isTrue();

    IntSeq ints = src.range(10).mapToInt(x -> x * 2);
    PrimitiveIterator.OfInt it = ints.iterator();
    assertThat(it.nextInt()).isEqualTo(0);
    ints.close();
    assertThat(src.balanced()).isTrue();
    assertThatThrownBy(it::hasNext).hasMessage("this IntSeq was closed while it was being iterated");
    assertThatThrownBy(ints::sum).hasMessage("this IntSeq is closed; build a new one to iterate again");

    DoubleSeq doubles = DoubleSeq.of(1, 2, 3).map(x -> x * 2);
    assertThat(doubles).hasToString("DoubleSeq.of(3 values).map(..)");
    doubles.close();
    assertThat(doubles).hasToString("DoubleSeq.of(3 values).map(..) (closed)");
    assertThatThrownBy(doubles::toArray).hasMessage("this DoubleSeq is closed; build a new one to iterate again");
    assertThat(IntSeq.range(0, 3).filter(x -> x > 0)).hasToString("IntSeq.range(0, 3).filter(..)");
    assertThat(Seq.of("a").mapToInt(String::length).map(x -> x)).hasToString("Seq.of(1 values).mapToInt(..).map(..)");
  }

  @Test
  void closingAnIntSeqOrDoubleSeqFromAnotherThreadStopsItsRunningToList() throws Exception {
    for (boolean ints : new boolean[] {true, false}) {
      Counting src = new Counting();
      CountDownLatch inMapper = new CountDownLatch(1);
      CountDownLatch closed = new CountDownLatch(1);
      Seq<Integer> lines = src.range(10).peek(x -> {
        if (x == 2) {
          inMapper.countDown();
          await(closed);
        }
      });
      AutoCloseable seq;
      FutureTask<List<?>> toList;
      if (ints) {
        IntSeq s = lines.mapToInt(x -> x);
        seq = s;
        toList = new FutureTask<>(s::toList);
      } else {
        DoubleSeq s = lines.mapToDouble(x -> x);
        seq = s;
        toList = new FutureTask<>(s::toList);
      }
      Thread.ofPlatform().start(toList);
      await(inMapper); // toList is running, at element 2
      try {
        seq.close();
        assertThat(src.closes).as(seq + ": close() released the running toList's resource").hasValue(1);
      } finally {
        closed.countDown();
      }
      assertThatThrownBy(() -> toList.get(30, TimeUnit.SECONDS)).as(seq.toString())
          .isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(IllegalStateException.class)
          .hasMessage("this Seq was closed while it was being iterated");
      assertThat(src.balanced()).isTrue();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
