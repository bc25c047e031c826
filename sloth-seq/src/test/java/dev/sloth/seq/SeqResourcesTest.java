package dev.sloth.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every opened resource is closed: on exhaustion, early termination and exceptions, also inner ones. */
class SeqResourcesTest {

  @Test
  void buildingASeqOpensNothing() {
    Counting src = new Counting();
    Seq<List<Integer>> s = src.range(10).map(x -> x * 2).filter(x -> x > 4).batch(2);
    assertThat(src.opens).hasValue(0);
    assertThat(s.toList()).hasSize(4);
    assertThat(src.opens).hasValue(1);
    assertThat(src.closes).hasValue(1);
  }

  @Test
  void closesOnExhaustionForEveryTerminalAndTheIterator() {
    Counting src = new Counting();
    Seq<Integer> s = src.range(5).map(x -> x + 1);
    assertThat(s.toList()).containsExactly(1, 2, 3, 4, 5);
    assertThat(s.count()).isEqualTo(5);
    assertThat(s.reduce(0, Integer::sum)).isEqualTo(15);
    assertThat(s.reduce(Integer::max)).contains(5);
    List<Integer> seen = new ArrayList<>();
    s.forEach(seen::add);
    Iterator<Integer> it = s.iterator();
    while (it.hasNext()) {
      seen.add(it.next());
    }
    assertThat(seen).hasSize(10);
    assertThat(s.stream().mapToInt(x -> x).sum()).isEqualTo(15);
    assertThat(src.opens).hasValue(7);
    assertThat(src.closes).hasValue(7);
  }

  @Test
  void earlyTerminationByTakeAndFirstClosesAndPullsOnlyWhatIsNeeded() {
    Counting src = new Counting();
    assertThat(src.range(1_000_000).take(3).toList()).containsExactly(0, 1, 2);
    assertThat(src.pulled).hasValue(3);
    assertThat(src.range(1_000_000).filter(x -> x > 10).first()).contains(11);
    assertThat(src.pulled).hasValue(3 + 12);
    assertThat(src.range(1_000_000).takeWhile(x -> x < 4).count()).isEqualTo(4);
    assertThat(src.balanced()).as(src.toString()).isTrue();
    assertThat(src.opens).hasValue(3);
  }

  @Test
  void takeClosesItsUpstreamAsSoonAsTheLimitIsReachedInPullMode() {
    Counting src = new Counting();
    Iterator<Integer> it = src.range(100).take(2).iterator();
    it.next();
    assertThat(src.closes).hasValue(0);
    it.next();
    assertThat(src.closes).as("closed with the last element, before any further hasNext()").hasValue(1);
    assertThat(it.hasNext()).isFalse();
    assertThat(src.closes).hasValue(1);
  }

  @Test
  void breakInsideTryWithResourcesCloses() {
    Counting src = new Counting();
    int sum = 0;
    try (Seq<Integer> s = src.range(1_000).map(x -> x * 2)) {
      for (int x : s) {
        if (x > 10) {
          break;
        }
        sum += x;
      }
      assertThat(src.closes).as("still iterating").hasValue(0);
    }
    assertThat(sum).isEqualTo(30);
    assertThat(src.opens).hasValue(1);
    assertThat(src.closes).hasValue(1);
  }

  @Test
  void exceptionInTheLoopBodyInsideTryWithResourcesCloses() {
    Counting src = new Counting();
    assertThatThrownBy(() -> {
      try (Seq<Integer> s = src.range(100)) {
        for (int x : s) {
          if (x == 3) {
            throw new IllegalStateException("body failed at " + x);
          }
        }
      }
    }).hasMessage("body failed at 3");
    assertThat(src.balanced()).isTrue();
  }

  @Test
  void exceptionInsideThePipelineClosesEvenWithoutTryWithResources() {
    Counting src = new Counting();
    Seq<Integer> failing = src.range(100).map(x -> {
      if (x == 5) {
        throw new ArithmeticException("bad element " + x);
      }
      return x;
    });
    assertThatThrownBy(failing::toList).hasMessage("bad element 5");
    Iterator<Integer> it = failing.iterator();
    assertThatThrownBy(() -> {
      while (it.hasNext()) {
        it.next();
      }
    }).hasMessage("bad element 5");
    assertThatThrownBy(() -> failing.stream().count()).hasMessage("bad element 5");
    assertThat(src.opens).hasValue(3);
    assertThat(src.closes).hasValue(3);
  }

  @Test
  void flatMapOpensInnerSequencesOneAtATimeAndClosesThemAll() {
    Counting outer = new Counting();
    Counting inner = new Counting();
    AtomicInteger maxOpenInner = new AtomicInteger();
    Seq<Integer> s = outer.range(4).flatMap(n -> inner.range(n)).peek(
        x -> maxOpenInner.accumulateAndGet(inner.opens.get() - inner.closes.get(), Math::max));
    assertThat(s.toList()).containsExactly(0, 0, 1, 0, 1, 2);
    assertThat(s.iterator().hasNext()).isTrue(); // leaves one iteration open ...
    s.close(); // ... which close() ends
    assertThat(maxOpenInner).hasValue(1);
    assertThat(inner.balanced()).as(inner.toString()).isTrue();
    assertThat(outer.balanced()).as(outer.toString()).isTrue();
    assertThat(inner.opens).hasValue(4 + 2); // 4 inners in toList, inner(0) and inner(1) for hasNext
  }

  @Test
  void exceptionInsideAFlatMappedInnerSequenceClosesInnerAndOuter() {
    Counting outer = new Counting();
    Counting inner = new Counting();
    Seq<Integer> s = outer.range(10).flatMap(n -> inner.range(5).map(x -> {
      if (n == 2 && x == 3) {
        throw new IllegalArgumentException("inner failed at n=" + n + " x=" + x);
      }
      return x;
    }));
    assertThatThrownBy(s::toList).hasMessage("inner failed at n=2 x=3");
    assertThatThrownBy(() -> s.iterator().forEachRemaining(x -> {})).hasMessage("inner failed at n=2 x=3");
    assertThat(inner.opens).hasValue(6);
    assertThat(inner.balanced()).isTrue();
    assertThat(outer.balanced()).isTrue();
  }

  @Test
  void earlyTerminationInsideFlatMapClosesTheCurrentInner() {
    Counting outer = new Counting();
    Counting inner = new Counting();
    assertThat(outer.range(10).flatMap(n -> inner.range(100)).take(150).count()).isEqualTo(150);
    assertThat(inner.opens).hasValue(2);
    assertThat(inner.balanced()).isTrue();
    assertThat(outer.balanced()).isTrue();
  }

  @Test
  void zipClosesBothSidesWhenTheShorterEnds() {
    Counting left = new Counting();
    Counting right = new Counting();
    Iterator<String> it = left.range(3).zip(right.range(100), (a, b) -> a + ":" + b).iterator();
    List<String> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    assertThat(out).containsExactly("0:0", "1:1", "2:2");
    assertThat(left.balanced() && right.balanced()).isTrue();
    assertThat(right.pulled).hasValue(3);
  }

  @Test
  void aStageThatAsksAgainAfterZipEndedGetsNoInsteadOfAClosedError() {
    Counting left = new Counting();
    Counting right = new Counting();
    List<List<Integer>> batches = left.range(5).zip(right.range(3), Integer::sum).batch(2).toList();
    assertThat(batches).containsExactly(List.of(0, 2), List.of(4));
    assertThat(left.balanced() && right.balanced()).isTrue();
  }

  @Test
  void zipClosesTheLeftSideIfTheRightFailsToOpen() {
    Counting left = new Counting();
    Seq<Integer> broken = Seq.using(() -> {
      throw new IllegalStateException("cannot open right");
    }, r -> List.<Integer>of().iterator());
    assertThatThrownBy(() -> left.range(3).zip(broken, Integer::sum).toList()).hasMessage("cannot open right");
    assertThat(left.opens).hasValue(1);
    assertThat(left.closes).hasValue(1);
  }

  @Test
  void concatOpensTheSecondOnlyWhenReachedAndClosesTheFirstBefore() {
    Counting a = new Counting();
    Counting b = new Counting();
    Seq<Integer> s = a.range(2).concat(b.range(2));
    assertThat(s.take(2).toList()).containsExactly(0, 1);
    assertThat(b.opens).as("second never reached").hasValue(0);
    Iterator<Integer> it = s.iterator();
    it.next();
    it.next();
    it.next(); // first element of b
    assertThat(a.closes).hasValue(2);
    assertThat(b.opens).hasValue(1);
    it.next();
    assertThat(it.hasNext()).isFalse();
    assertThat(a.balanced() && b.balanced()).isTrue();
  }

  @Test
  void closingTheSeqEndsEveryOpenIterationAndFurtherPullsFailClearly() {
    Counting src = new Counting();
    Seq<Integer> s = src.range(10);
    Seq<Integer> doubled = s.map(x -> x * 2);
    Iterator<Integer> a = doubled.iterator();
    Iterator<Integer> b = doubled.iterator();
    a.next();
    b.next();
    doubled.close();
    assertThat(src.opens).hasValue(2);
    assertThat(src.closes).hasValue(2);
    assertThatThrownBy(a::hasNext).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed while it was being iterated");
    assertThatThrownBy(doubled::toList).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("this Seq is closed");
    assertThat(s.toList()).as("the Seq it was built from is not the closer's: it stays open").hasSize(10);
    assertThat(src.balanced()).isTrue();
    doubled.close(); // idempotent
  }

  @Test
  void onCloseRunsOncePerIteration() {
    AtomicInteger closed = new AtomicInteger();
    Seq<Integer> s = Seq.range(0, 10).onClose(closed::incrementAndGet);
    s.toList();
    s.first();
    Iterator<Integer> it = s.iterator();
    it.next();
    assertThat(closed).hasValue(2);
    s.close();
    assertThat(closed).hasValue(3);
  }

  @Test
  void streamSourceIsClosedAndItsHandlersRun() {
    AtomicInteger streamClosed = new AtomicInteger();
    Seq<Integer> s = Seq.fromStream(Stream.of(1, 2, 3, 4).onClose(streamClosed::incrementAndGet));
    assertThat(s.take(2).toList()).containsExactly(1, 2);
    assertThat(streamClosed).hasValue(1);
  }

  @Test
  void streamViewClosesItsIterationWhenTheStreamCloses() {
    Counting src = new Counting();
    try (Stream<Integer> st = src.range(100).stream()) {
      assertThat(src.opens).as("opened by the terminal operation, not by stream()").hasValue(0);
      assertThat(st.filter(x -> x == 7).findFirst()).contains(7);
    }
    assertThat(src.balanced()).isTrue();
    assertThat(src.pulled).hasValue(8);
  }

  @Test
  void spliteratorOpensTheIterationAtItsFirstUseNotWhenMade() {
    Counting src = new Counting();
    Seq<Integer> s = src.range(3);
    Spliterator<Integer> sp = s.spliterator();
    Stream<Integer> unused = StreamSupport.stream(s.spliterator(), false);
    assertThat(src.opens).as("spliterator() and a stream over it open nothing").hasValue(0);
    List<Integer> seen = new ArrayList<>();
    assertThat(sp.tryAdvance(seen::add)).isTrue();
    assertThat(src.opens).hasValue(1);
    sp.forEachRemaining(seen::add);
    assertThat(sp.tryAdvance(seen::add)).isFalse();
    assertThat(seen).containsExactly(0, 1, 2);
    assertThat(src.balanced()).as(src.toString()).isTrue();
    assertThat(unused.isParallel()).isFalse();
    Seq<Integer> once = Seq.fromIterator(List.of(1, 2).iterator());
    once.spliterator(); // made and never used: the one-shot source is still unused
    assertThat(once.toList()).containsExactly(1, 2);
  }

  @Test
  void aCloseFailureThrownByTwoStagesIsThrownAsItIsNotAsSelfSuppression() {
    RuntimeException boom = new IllegalStateException("close failed"); // one instance, as a cached exception is
    Seq<Integer> s = Seq.range(0, 3).onClose(() -> {
      throw boom;
    });
    assertThatThrownBy(() -> s.zip(s, Integer::sum).toList()).isSameAs(boom); // both sides fail with it
    Seq<Integer> shared = Seq.using(() -> (AutoCloseable) () -> {
      throw boom;
    }, r -> List.of(1, 2).iterator());
    assertThat(shared.iterator().next()).isEqualTo(1);
    assertThat(shared.iterator().next()).isEqualTo(1);
    assertThatThrownBy(shared::close).isSameAs(boom); // two open iterations, both fail with it
    assertThat(boom.getSuppressed()).isEmpty();
  }

  @Test
  void anOnCloseActionThatThrowsIsReportedWithTheUpstreamsCloseFailureSuppressed() {
    RuntimeException action = new IllegalStateException("onClose action failed");
    RuntimeException resource = new IllegalStateException("resource close failed");
    AtomicInteger resourceCloses = new AtomicInteger();
    Seq<Integer> s = Seq.using(() -> (AutoCloseable) () -> {
      resourceCloses.incrementAndGet();
      throw resource;
    }, r -> List.of(1, 2).iterator()).onClose(() -> {
      throw action;
    });
    assertThatThrownBy(s::toList).isSameAs(action).hasSuppressedException(resource);
    assertThat(resourceCloses).as("the upstream is closed even though the action threw").hasValue(1);
  }

  @Test
  void linesCloseTheirFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("log.txt");
    Files.write(file, List.of("a", "b", "c", "d"));
    assertThat(Seq.lines(file).take(2).toList()).containsExactly("a", "b");
    assertThat(openDescriptorsOf(file)).isZero();
    try (Seq<String> s = Seq.lines(file)) {
      Iterator<String> it = s.iterator();
      it.next();
      assertThat(openDescriptorsOf(file)).isEqualTo(1);
    }
    assertThat(openDescriptorsOf(file)).isZero();
  }

  @Test
  void missingFileFailsNamingThePathAtIterationNotAtBuild(@TempDir Path dir) {
    Seq<String> s = Seq.lines(dir.resolve("missing.txt"));
    assertThatThrownBy(s::toList).hasMessageContaining("missing.txt");
  }

  /** Counts this process's file descriptors open on {@code file} (Linux /proc; 0 where unsupported). */
  static long openDescriptorsOf(Path file) throws IOException {
    Path fds = Path.of("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd");
    Path real = file.toRealPath();
    try (Stream<Path> s = Files.list(fds)) {
      return s.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).equals(real);
        } catch (IOException e) {
          return false;
        }
      }).count();
    }
  }
}
