package dev.sloth.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongUnaryOperator;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** LongSeq's values, laziness and argument checks. */
class LongSeqTest {

  @Test
  void theSquaresPipelineSquaresOnlyWhatTheFirstTenNeed() {
    AtomicLong squared = new AtomicLong();
    LongSeq evens = LongSeq.range(0, 10_000_000).map(x -> {
      squared.incrementAndGet();
      return x * x;
    }).filter(x -> x % 2 == 0);
    assertThat(squared).as("building runs nothing").hasValue(0);

    assertThat(evens.take(10).toList()).containsExactly(0L, 4L, 16L, 36L, 64L, 100L, 144L, 196L, 256L, 324L);
    assertThat(squared).as("0..18 squared, nothing after the 10th even").hasValue(19);

    squared.set(0);
    assertThat(evens.take(10).toArray()).containsExactly(0, 4, 16, 36, 64, 100, 144, 196, 256, 324);
    assertThat(evens.first()).hasValue(0);
    assertThat(squared).hasValue(19 + 1);

    squared.set(0);
    PrimitiveIterator.OfLong it = evens.take(10).iterator();
    it.nextLong();
    it.nextLong();
    assertThat(squared).as("pulling two evens squares 0, 1, 2").hasValue(3);
  }

  @Test
  void allOfTheSquaresPipelineMatchesLongStream() {
    long n = 200_000;
    LongSeq evens = LongSeq.range(0, n).map(x -> x * x).filter(x -> x % 2 == 0);
    assertThat(evens.sum()).isEqualTo(LongStream.range(0, n).map(x -> x * x).filter(x -> x % 2 == 0).sum());
    assertThat(evens.count()).isEqualTo(n / 2);
    assertThat(evens.toList()).isEqualTo(LongStream.range(0, n).map(x -> x * x).filter(x -> x % 2 == 0)
        .boxed().toList());
    assertThat(evens.toArray()).isEqualTo(LongStream.range(0, n).map(x -> x * x).filter(x -> x % 2 == 0)
        .toArray());
  }

  @Test
  void sources() {
    assertThat(LongSeq.range(3, 6).toArray()).containsExactly(3, 4, 5);
    assertThat(LongSeq.range(6, 3).toArray()).isEmpty();
    assertThat(LongSeq.range(Long.MAX_VALUE - 2, Long.MAX_VALUE).toArray())
        .containsExactly(Long.MAX_VALUE - 2, Long.MAX_VALUE - 1);
    assertThat(LongSeq.empty().count()).isZero();
    long[] values = {3, 1, 4};
    LongSeq of = LongSeq.of(values);
    values[0] = 99;
    assertThat(of.toArray()).as("of copies its argument").containsExactly(3, 1, 4);
    assertThat(LongSeq.iterate(1, x -> x * 3).take(4).toArray()).containsExactly(1, 3, 9, 27);
    assertThat(LongSeq.iterate(1, x -> x <= 1000, x -> x * 10).toArray()).containsExactly(1, 10, 100, 1000);
    AtomicLong next = new AtomicLong();
    LongSeq generated = LongSeq.generate(next::incrementAndGet);
    assertThat(next).as("generate calls nothing until pulled").hasValue(0);
    assertThat(generated.take(3).toArray()).containsExactly(1, 2, 3);
    assertThat(next).hasValue(3);
    assertThat(generated.iterator().nextLong()).isEqualTo(4);
  }

  @Test
  void operations() {
    assertThat(LongSeq.range(0, 10).drop(7).toArray()).containsExactly(7, 8, 9);
    assertThat(LongSeq.of(1, 2, 5, 1).takeWhile(x -> x < 3).toArray()).containsExactly(1, 2);
    assertThat(LongSeq.of(1, 2, 5, 1).dropWhile(x -> x < 3).toArray()).containsExactly(5, 1);
    List<Long> peeked = new ArrayList<>();
    assertThat(LongSeq.range(0, 5).peek(peeked::add).take(2).sum()).isEqualTo(1);
    assertThat(peeked).containsExactly(0L, 1L);
    assertThat(LongSeq.range(0, 6).boxed().batch(2).toList())
        .containsExactly(List.of(0L, 1L), List.of(2L, 3L), List.of(4L, 5L));
    assertThat(LongSeq.range(250, 253).mapToObj(Long::toHexString).toList()).containsExactly("fa", "fb", "fc");
    assertThat(Seq.of("a", "bb", "ccc").mapToLong(String::length).sum()).isEqualTo(6);
  }

  @Test
  void terminals() {
    assertThat(LongSeq.range(1, 101).sum()).isEqualTo(5050);
    assertThat(LongSeq.of(Long.MAX_VALUE, 1).sum()).as("wraps like LongStream.sum").isEqualTo(Long.MIN_VALUE);
    assertThat(LongSeq.range(1, 6).reduce(1, (a, b) -> a * b)).isEqualTo(120);
    assertThat(LongSeq.of(3, 9, 4).reduce(Math::max)).hasValue(9);
    assertThat(LongSeq.of(7).reduce((a, b) -> a - b)).hasValue(7);
    assertThat(LongSeq.empty().reduce(Math::max)).isEmpty();
    assertThat(LongSeq.empty().first()).isEmpty();
    assertThat(LongSeq.of(0).first()).as("a 0 first element is not 'none'").isEqualTo(OptionalLong.of(0));
    assertThat(LongSeq.iterate(1, x -> x * 2).filter(x -> x > 1000).first()).hasValue(1024);
    List<Long> seen = new ArrayList<>();
    LongSeq.range(0, 3).forEach(seen::add);
    assertThat(seen).containsExactly(0L, 1L, 2L);
    assertThat(LongSeq.range(0, 100_003).toArray()).hasSize(100_003).endsWith(100_002);
    List<Long> list = LongSeq.range(0, 3).toList();
    assertThatThrownBy(() -> list.add(3L)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void iteratorPullsWithoutBoxingAndEndsClearly() {
    PrimitiveIterator.OfLong it = LongSeq.range(0, 2).map(x -> x + 10).iterator();
    assertThat(it.nextLong()).isEqualTo(10);
    assertThat(it.next()).isEqualTo(11L);
    assertThat(it.hasNext()).isFalse();
    assertThatThrownBy(it::nextLong).isInstanceOf(NoSuchElementException.class).hasMessageContaining("exhausted");
  }

  @Test
  void badArgumentsFailWhenTheOperationIsBuiltNamingTheArgument() {
    LongSeq s = LongSeq.range(0, 10);
    assertThatThrownBy(() -> s.take(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("take(n): n must be >= 0 but was -1");
    assertThatThrownBy(() -> s.drop(-3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("drop(n): n must be >= 0 but was -3");
    assertThatThrownBy(() -> s.map(null)).isInstanceOf(NullPointerException.class).hasMessage("mapper");
    assertThatThrownBy(() -> s.filter(null)).isInstanceOf(NullPointerException.class).hasMessage("predicate");
    assertThatThrownBy(() -> s.reduce(0, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("accumulator");
    assertThatThrownBy(() -> LongSeq.of((long[]) null)).isInstanceOf(NullPointerException.class)
        .hasMessage("values");
    assertThatThrownBy(() -> Seq.of("a").mapToLong(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("mapper");
    assertThat(s.take(0).count()).isZero();
  }

  @Test
  void describesThePipelineWithoutRunningIt() {
    AtomicInteger calls = new AtomicInteger();
    LongUnaryOperator square = x -> {
      calls.incrementAndGet();
      return x * x;
    };
    LongSeq s = LongSeq.range(0, 10).map(square).filter(x -> x > 2).take(3);
    assertThat(s).hasToString("LongSeq.range(0, 10).map(..).filter(..).take(3)");
    assertThat(Seq.range(0, 3).mapToLong(x -> x).boxed())
        .hasToString("Seq.range(0, 3).mapToLong(..).boxed()");
    assertThat(calls).hasValue(0);
    s.close();
    assertThat(s).hasToString("LongSeq.range(0, 10).map(..).filter(..).take(3) (closed)");
  }
}
