package dev.sloth.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.PrimitiveIterator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Issue 11, items 5 to 7: closing ends only what the closer owns; streams close; the operations Java users expect. */
class SeqOwnershipTest {

  // ------------------------------------------------------------------------------ item 5: who owns what

  /**
   * The guide's two recommendations together: one description shared by two threads, one of them leaving its loop
   * early with try-with-resources. The other thread's iteration goes on to its end; the shared base stays open.
   */
  @Test
  void closingOneDerivedSeqLeavesAnotherThreadsIterationOfTheSharedBaseAlone() throws Exception {
    Counting src = new Counting();
    Seq<Integer> base = src.range(100);
    CountDownLatch bStarted = new CountDownLatch(1);
    CountDownLatch aClosed = new CountDownLatch(1);
    AtomicReference<Object> bResult = new AtomicReference<>();
    Thread b = Thread.ofPlatform().start(() -> {
      try {
        Iterator<Integer> it = base.map(x -> x * 2).iterator();
        List<Integer> seen = new ArrayList<>();
        seen.add(it.next());
        bStarted.countDown();
        await(aClosed);
        it.forEachRemaining(seen::add);
        bResult.set(seen);
      } catch (Throwable t) {
        bResult.set(t);
      }
    });
    await(bStarted);
    try (Seq<Integer> evens = base.filter(x -> x % 2 == 0)) {
      for (int x : evens) {
        if (x > 10) {
          break; // try-with-resources closes this thread's iteration
        }
      }
    }
    assertThat(src.opens).hasValue(2);
    assertThat(src.closes).as("only the closer's iteration closed").hasValue(1);
    aClosed.countDown();
    b.join(10_000);
    assertThat(b.isAlive()).as("thread B ended its iteration within 10 s of A's close").isFalse();
    assertThat(bResult.get()).as("thread B's iteration").isInstanceOf(List.class);
    assertThat((List<?>) bResult.get()).hasSize(100);
    assertThat(src.balanced()).isTrue();
    assertThat(base.count()).as("the shared base is still usable").isEqualTo(100);
    assertThat(base.toString()).doesNotContain("closed");
  }

  @Test
  void closingASeqEndsItsOwnIterationsOnlyAndForbidsNewOnes() {
    Counting src = new Counting();
    Seq<Integer> base = src.range(10);
    Seq<Integer> left = base.map(x -> x + 1);
    Seq<Integer> right = base.map(x -> x - 1);
    Iterator<Integer> l = left.iterator();
    Iterator<Integer> r = right.iterator();
    l.next();
    r.next();
    left.close();
    assertThat(src.closes).hasValue(1);
    assertThatThrownBy(l::hasNext).isInstanceOf(IllegalStateException.class)
        .hasMessage("this Seq was closed while it was being iterated");
    assertThatThrownBy(left::toList).hasMessageContaining("this Seq is closed");
    List<Integer> rest = new ArrayList<>();
    r.forEachRemaining(rest::add);
    assertThat(rest).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
    assertThat(right.toList()).hasSize(10);
    assertThat(src.balanced()).isTrue();
  }

  @Test
  void closingTheBaseItselfClosesItsOwnIterationsAndThoseNotYetStartedThroughIt() {
    Counting src = new Counting();
    Seq<Integer> base = src.range(10);
    Iterator<Integer> it = base.iterator();
    it.next();
    base.close();
    assertThat(src.balanced()).isTrue();
    assertThatThrownBy(() -> base.map(x -> x).toList()).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("this Seq is closed");
  }

  // ----------------------------------------------------------------- item 6: streams, one-shots, pure Seqs

  @Test
  void shortCircuitingStreamTerminalsCloseTheIteration() {
    Counting src = new Counting();
    assertThat(src.range(100).stream().anyMatch(x -> x == 3)).isTrue();
    assertThat(src.balanced()).as("anyMatch: " + src).isTrue();
    assertThat(src.range(100).stream().findFirst()).contains(0);
    assertThat(src.balanced()).as("findFirst: " + src).isTrue();
    assertThat(src.range(100).stream().filter(x -> x > 5).map(x -> x * 2).findAny()).contains(12);
    assertThat(src.balanced()).as("findAny of a derived stream: " + src).isTrue();
    assertThat(src.range(100).stream().limit(3).toList()).containsExactly(0, 1, 2);
    assertThat(src.range(100).stream().noneMatch(x -> x == 1)).isFalse();
    assertThat(src.range(100).stream().allMatch(x -> x < 1)).isFalse();
    assertThat(src.balanced()).as(src.toString()).isTrue();
    assertThat(src.opens).hasValue(6);
    assertThat(src.pulled).as("short-circuits still pull only what they need").hasValue(4 + 1 + 7 + 3 + 2 + 2);
  }

  @Test
  void aStreamSourceClosedBeforeItWasIteratedIsClosed() {
    AtomicInteger streamClosed = new AtomicInteger();
    Seq<Integer> s = Seq.fromStream(Stream.of(1, 2, 3).onClose(streamClosed::incrementAndGet));
    s.close();
    assertThat(streamClosed).hasValue(1);
    assertThatThrownBy(s::toList).isInstanceOf(IllegalStateException.class);

    AtomicInteger derivedClosed = new AtomicInteger();
    Seq<Integer> derived = Seq.fromStream(Stream.of(1, 2, 3).onClose(derivedClosed::incrementAndGet))
        .map(x -> x * 2);
    try (derived) {
      assertThat(derivedClosed).hasValue(0);
    }
    assertThat(derivedClosed).as("closing a Seq built on an un-iterated one-shot source releases it").hasValue(1);
  }

  @Test
  void aOneShotSourceAbandonedByOneSeqSaysSoWhenAnotherTriesIt() {
    Seq<Integer> once = Seq.fromStream(Stream.of(1, 2, 3));
    Seq<Integer> a = once.map(x -> x);
    Seq<Integer> b = once.filter(x -> true);
    a.close();
    assertThatThrownBy(b::toList).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("one-shot (built from a Stream) and was already closed before it was iterated");
  }

  @Test
  void aOneShotSourceInUseIsNotClosedByClosingAnotherSeqBuiltOnIt() {
    AtomicInteger streamClosed = new AtomicInteger();
    Seq<Integer> once = Seq.fromStream(Stream.of(1, 2, 3).onClose(streamClosed::incrementAndGet));
    Iterator<Integer> it = once.map(x -> x * 10).iterator();
    assertThat(it.next()).isEqualTo(10);
    once.filter(x -> true).close();
    assertThat(streamClosed).hasValue(0);
    assertThat(it.next()).isEqualTo(20);
    assertThat(it.next()).isEqualTo(30);
    assertThat(it.hasNext()).isFalse();
    assertThat(streamClosed).hasValue(1);
  }

  @Test
  void aClosedPureSeqStopsItsIterationsWithTheGuidesError() {
    Seq<Integer> pure = Seq.range(0, 10).map(x -> x + 1);
    Iterator<Integer> it = pure.iterator();
    assertThat(it.next()).isEqualTo(1);
    pure.close();
    assertThatThrownBy(it::hasNext).isInstanceOf(IllegalStateException.class)
        .hasMessage("this Seq was closed while it was being iterated");
    assertThat(it.hasNext()).as("after saying so once, the iteration is over").isFalse();
    assertThatThrownBy(pure::toList).hasMessage("this Seq is closed; build a new one to iterate again");

    LongSeq longs = LongSeq.range(0, 10);
    PrimitiveIterator.OfLong li = longs.iterator();
    li.nextLong();
    longs.close();
    assertThatThrownBy(li::hasNext).hasMessage("this LongSeq was closed while it was being iterated");
  }

  /** Nothing of an abandoned iterator of a pure Seq is kept: it holds nothing to release, so it is not registered. */
  @Test
  void anAbandonedIteratorOfAPureSeqIsNotRetained() {
    Seq<Object[]> pure = Seq.iterate(new Object[0], x -> new Object[] {x}).map(x -> x);
    java.lang.ref.WeakReference<Object[]> element;
    {
      Iterator<Object[]> it = pure.iterator();
      it.next();
      element = new java.lang.ref.WeakReference<>(it.next()); // the iterate cursor holds it as its current element
    }
    for (int i = 0; i < 50 && element.get() != null; i++) {
      System.gc();
    }
    assertThat(element.get()).as("the abandoned iteration was collected").isNull();
    assertThat(pure.take(3).count()).isEqualTo(3);
  }

  // ------------------------------------------------------------------------ item 7: what Java users expect

  @Test
  void collectTakesAnyCollector() {
    Counting src = new Counting();
    Map<Boolean, List<Integer>> parts = src.range(6).collect(Collectors.partitioningBy(x -> x % 2 == 0));
    assertThat(parts.get(true)).containsExactly(0, 2, 4);
    assertThat(parts.get(false)).containsExactly(1, 3, 5);
    assertThat(Seq.of("a", "b", "c").collect(Collectors.joining(","))).isEqualTo("a,b,c");
    assertThat(Seq.of("x", "yy", "zz").collect(Collectors.groupingBy(String::length, Collectors.counting())))
        .isEqualTo(Map.of(1, 1L, 2, 2L));
    assertThat(src.balanced()).isTrue();
  }

  @Test
  void matchTerminalsStopAtTheAnswerAndClose() {
    Counting src = new Counting();
    assertThat(src.range(100).anyMatch(x -> x == 4)).isTrue();
    assertThat(src.pulled).hasValue(5);
    assertThat(src.range(100).allMatch(x -> x < 2)).isFalse();
    assertThat(src.pulled).hasValue(5 + 3);
    assertThat(src.range(100).noneMatch(x -> x > 98)).isFalse();
    assertThat(src.range(5).allMatch(x -> x < 5)).isTrue();
    assertThat(Seq.empty().anyMatch(x -> true)).isFalse();
    assertThat(Seq.empty().allMatch(x -> false)).isTrue();
    assertThat(Seq.empty().noneMatch(x -> true)).isTrue();
    assertThat(src.balanced()).isTrue();
    assertThat(LongSeq.range(0, 1_000_000).anyMatch(x -> x * x > 1000)).isTrue();
    assertThat(LongSeq.range(0, 10).allMatch(x -> x < 10)).isTrue();
    assertThat(LongSeq.range(0, 10).noneMatch(x -> x == 5)).isFalse();
  }

  @Test
  void sortedIsStableReadsTheUpstreamOnceAndClosesItBeforeTheOutputEnds() {
    Counting src = new Counting();
    Seq<Integer> sorted = src.range(10).map(x -> (x * 7) % 10).sorted();
    assertThat(src.opens).as("lazy until iterated").hasValue(0);
    Iterator<Integer> it = sorted.iterator();
    assertThat(it.next()).isEqualTo(0);
    assertThat(src.balanced()).as("the upstream is closed once read").isTrue();
    assertThat(src.opens).hasValue(1);
    List<Integer> rest = new ArrayList<>();
    it.forEachRemaining(rest::add);
    assertThat(rest).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9);
    assertThat(Seq.of("bb", "a", "cc", "d").sorted(Comparator.comparing(String::length)).toList())
        .containsExactly("a", "d", "bb", "cc");
    assertThat(Seq.of(3, 1, 2).sorted().take(2).toList()).containsExactly(1, 2);
    assertThat(Seq.of(3, 1, 2).sorted(Comparator.reverseOrder())).hasToString("Seq.of(3 values).sorted(..)");
    assertThatThrownBy(() -> Seq.of(1, null).sorted().toList()).isInstanceOf(NullPointerException.class);
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new AssertionError("timed out");
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
