package dev.sloth.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.PrimitiveIterator;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** A LongSeq closes what its iterations open, under the same rules as Seq, counted with {@link Counting}. */
class LongSeqResourcesTest {

  private static LongSeq longs(Counting src, int n) {
    return src.range(n).mapToLong(x -> x);
  }

  @Test
  void everyTerminalAndTheIteratorCloseOnExhaustion() {
    Counting src = new Counting();
    LongSeq s = longs(src, 5).map(x -> x + 1);
    assertThat(src.opens).as("building opens nothing").hasValue(0);
    assertThat(s.sum()).isEqualTo(15);
    assertThat(s.count()).isEqualTo(5);
    assertThat(s.reduce(0, Long::sum)).isEqualTo(15);
    assertThat(s.reduce(Math::max)).hasValue(5);
    assertThat(s.toArray()).containsExactly(1, 2, 3, 4, 5);
    assertThat(s.toList()).containsExactly(1L, 2L, 3L, 4L, 5L);
    AtomicInteger seen = new AtomicInteger();
    s.forEach(x -> seen.incrementAndGet());
    PrimitiveIterator.OfLong it = s.iterator();
    while (it.hasNext()) {
      it.nextLong();
    }
    assertThat(s.boxed().toList()).hasSize(5);
    assertThat(src.opens).hasValue(9);
    assertThat(src.closes).hasValue(9);
  }

  @Test
  void earlyTerminationClosesAndPullsOnlyWhatIsNeeded() {
    Counting src = new Counting();
    assertThat(longs(src, 1_000_000).take(3).toArray()).containsExactly(0, 1, 2);
    assertThat(src.pulled).hasValue(3);
    assertThat(longs(src, 1_000_000).filter(x -> x > 10).first()).hasValue(11);
    assertThat(src.pulled).hasValue(3 + 12);
    assertThat(longs(src, 1_000_000).takeWhile(x -> x < 4).count()).isEqualTo(4);
    assertThat(longs(src, 1_000_000).boxed().take(2).toList()).containsExactly(0L, 1L);
    assertThat(src.opens).hasValue(4);
    assertThat(src.balanced()).as(src.toString()).isTrue();
  }

  @Test
  void takeClosesItsUpstreamAsSoonAsTheLimitIsReachedInPullMode() {
    Counting src = new Counting();
    PrimitiveIterator.OfLong it = longs(src, 100).take(2).iterator();
    it.nextLong();
    assertThat(src.closes).hasValue(0);
    it.nextLong();
    assertThat(src.closes).as("closed with the last element, before any further hasNext()").hasValue(1);
    assertThat(it.hasNext()).isFalse();
    assertThat(src.closes).hasValue(1);
  }

  @Test
  void anExceptionAnywhereClosesAndPropagates() {
    Counting src = new Counting();
    LongSeq failing = longs(src, 10).map(x -> 10 / (x - 5));
    assertThatThrownBy(failing::sum).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(failing::toList).isInstanceOf(ArithmeticException.class);
    PrimitiveIterator.OfLong it = failing.iterator();
    for (int i = 0; i < 5; i++) {
      it.nextLong();
    }
    assertThatThrownBy(it::nextLong).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> longs(src, 10).filter(x -> 100 / (x - 3) > 1000).first())
        .isInstanceOf(ArithmeticException.class);
    assertThat(src.opens).hasValue(4);
    assertThat(src.balanced()).as(src.toString()).isTrue();
  }

  @Test
  void closeClosesIterationsStillOpenAndForbidsNewOnes() {
    Counting src = new Counting();
    LongSeq s = longs(src, 1_000).map(x -> x * 2);
    long sum = 0;
    try (s) {
      PrimitiveIterator.OfLong it = s.iterator();
      while (it.hasNext()) {
        long x = it.nextLong();
        if (x > 10) {
          break;
        }
        sum += x;
      }
      assertThat(src.closes).as("the loop left early").hasValue(0);
    }
    assertThat(sum).isEqualTo(30);
    assertThat(src.closes).hasValue(1);
    assertThatThrownBy(s::sum).isInstanceOf(IllegalStateException.class)
        .hasMessage("this LongSeq is closed; build a new one to iterate again");
  }

  @Test
  void closingABoxedViewClosesTheLongSeqsSources() {
    Counting src = new Counting();
    Seq<Long> boxed = longs(src, 100).boxed();
    boxed.iterator().next();
    assertThat(src.closes).hasValue(0);
    boxed.close();
    assertThat(src.closes).hasValue(1);
  }

  @Test
  void flatMappedLongSeqsCloseEachInner() {
    Counting src = new Counting();
    long total = Seq.range(0, 4).flatMap(n -> longs(src, 10).take(n).boxed()).count();
    assertThat(total).isEqualTo(0 + 1 + 2 + 3);
    assertThat(src.opens).hasValue(4);
    assertThat(src.balanced()).as(src.toString()).isTrue();
  }

  @Test
  void oneShotSourcesStayOneShot() {
    LongSeq once = Seq.fromIterator(List.of(1, 2, 3).iterator()).mapToLong(x -> x);
    assertThat(once.sum()).isEqualTo(6);
    assertThatThrownBy(once::sum).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one-shot (built from an Iterator) and was already iterated");
    LongSeq reiterable = LongSeq.range(0, 3).map(x -> x * 2);
    assertThat(reiterable.sum()).isEqualTo(reiterable.sum());
  }

  @Test
  void onCloseRunsOncePerIteration() {
    AtomicInteger closed = new AtomicInteger();
    LongSeq s = LongSeq.range(0, 100).onClose(closed::incrementAndGet);
    s.take(3).sum();
    s.first();
    s.iterator().forEachRemaining((long x) -> {});
    assertThat(closed).hasValue(3);
    PrimitiveIterator.OfLong open = s.iterator();
    open.nextLong();
    s.close();
    assertThat(closed).as("close() reaches the open iteration").hasValue(4);
  }

  @Test
  void anOnCloseActionThatThrowsIsReportedWithTheUpstreamsCloseFailureSuppressed() {
    RuntimeException action = new IllegalStateException("onClose action failed");
    RuntimeException upstream = new IllegalStateException("upstream onClose failed");
    LongSeq s = LongSeq.range(0, 3).onClose(() -> {
      throw upstream;
    }).onClose(() -> {
      throw action;
    });
    assertThatThrownBy(s::sum).isSameAs(action).hasSuppressedException(upstream);
  }

  @Test
  void oneDescriptionIteratedBy64ThreadsAtOnce() throws Exception {
    Counting src = new Counting();
    LongSeq evens = longs(src, 10_000).map(x -> x * x).filter(x -> x % 2 == 0);
    long expected = LongStream.range(0, 10_000).map(x -> x * x).filter(x -> x % 2 == 0).sum();
    int threads = 64;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> sums = IntStream.range(0, threads).mapToObj(i -> pool.submit(() -> {
        start.await();
        return i % 2 == 0 ? evens.sum() : evens.boxed().reduce(0L, Long::sum);
      })).toList();
      for (Future<Long> f : sums) {
        assertThat(f.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdown();
    }
    assertThat(src.opens).hasValue(threads);
    assertThat(src.balanced()).as(src.toString()).isTrue();
  }
}
