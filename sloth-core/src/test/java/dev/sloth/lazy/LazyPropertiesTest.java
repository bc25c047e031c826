package dev.sloth.lazy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sloth.graph.Graph;
import dev.sloth.graph.Source;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Issue 4, part 2: a DataPipeline, as lazy properties with cascading invalidation. */
class LazyPropertiesTest {

  /** A pipeline (cleaned -> tokenized -> vocabulary) of lazy properties; {@code log} records what computed. */
  static final class DataPipeline {
    final List<String> log = new CopyOnWriteArrayList<>();
    final LazyProperties props;
    final Source<List<String>> rawData;
    final LazyProperty<List<String>> cleaned;
    final LazyProperty<List<List<String>>> tokenized;
    final LazyProperty<List<String>> vocabulary;
    final LazyProperty<Integer> lineCount;

    DataPipeline(LazyProperties props, List<String> raw) {
      this.props = props;
      rawData = props.input("rawData", raw);
      cleaned = props.define("cleaned", () -> {
        log.add("Cleaning data...");
        return rawData.get().stream().map(s -> s.strip().toLowerCase()).toList();
      });
      // Each body reads what it needs first, then says what it does, so the trace is in dependency order.
      tokenized = props.define("tokenized", () -> {
        List<String> lines = cleaned.get();
        log.add("Tokenizing...");
        return lines.stream().map(s -> List.of(s.split("\\s+"))).toList();
      });
      vocabulary = props.define("vocabulary", () -> {
        List<List<String>> tokens = tokenized.get();
        log.add("Building vocabulary...");
        return tokens.stream().flatMap(List::stream).distinct().sorted().toList();
      });
      lineCount = props.define("lineCount", () -> {
        log.add("Counting lines...");
        return rawData.get().size();
      });
    }
  }

  /** Unlike {@code Lazy}, a property reports a failure as the engine does: an EvaluationException caused by it. */
  @Test
  void aBodyThatThrowsAfterAnInvalidationFailsItsReadersAndTheNextGetRetries() {
    LazyProperties props = LazyProperties.create();
    IllegalStateException second = new IllegalStateException("second attempt fails");
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
    LazyProperty<Integer> a = props.define("a", () -> {
      if (calls.incrementAndGet() == 2) {
        throw second;
      }
      return calls.get();
    });
    LazyProperty<Integer> b = props.define("b", () -> a.get() * 10);
    assertThat(b.get()).isEqualTo(10);

    a.invalidate();
    org.assertj.core.api.Assertions.assertThatThrownBy(b::get)
        .isInstanceOf(dev.sloth.graph.EvaluationException.class)
        .hasMessageContaining("'a' threw")
        .cause().isSameAs(second);
    assertThat(a.isEvaluated()).isFalse();
    assertThat(b.isEvaluated()).isFalse();
    assertThat(b.get()).as("the failure is not cached: the next get() computes a again").isEqualTo(30);
    assertThat(calls).hasValue(3);
  }

  @Test
  void thePipelineComputesOnFirstAccessAndCachesAfterwards() {
    DataPipeline p = new DataPipeline(LazyProperties.create(), List.of("  Hello World  ", "Python IS Great  "));
    assertThat(p.log).as("nothing computed yet").isEmpty();
    assertThat(p.vocabulary.toString()).contains("not evaluated");

    assertThat(p.vocabulary.get()).containsExactly("great", "hello", "is", "python", "world");
    assertThat(p.log).containsExactly("Cleaning data...", "Tokenizing...", "Building vocabulary...");

    p.log.clear();
    assertThat(p.vocabulary.get()).hasSize(5);
    assertThat(p.log).as("cached").isEmpty();
    assertThat(p.vocabulary.isEvaluated()).isTrue();
  }

  @Test
  void invalidatingAPropertyRecomputesItAndItsReadersAndNothingElse() {
    DataPipeline p = new DataPipeline(LazyProperties.create(), List.of("a b", "b c"));
    p.vocabulary.get();
    p.lineCount.get();
    p.log.clear();

    p.cleaned.invalidate();

    assertThat(p.cleaned.isEvaluated()).isFalse();
    assertThat(p.vocabulary.isEvaluated()).isFalse();
    assertThat(p.lineCount.isEvaluated()).as("did not read cleaned").isTrue();
    assertThat(p.vocabulary.get()).containsExactly("a", "b", "c");
    assertThat(p.lineCount.get()).isEqualTo(2);
    assertThat(p.log).containsExactly("Cleaning data...", "Tokenizing...", "Building vocabulary...");
  }

  @Test
  void changingTheInputRecomputesWhatReadsIt() {
    DataPipeline p = new DataPipeline(LazyProperties.create(), List.of("a b"));
    p.vocabulary.get();
    p.lineCount.get();
    p.log.clear();

    p.rawData.set(List.of("x y", "z"));

    assertThat(p.vocabulary.get()).containsExactly("x", "y", "z");
    assertThat(p.lineCount.get()).isEqualTo(2);
    assertThat(p.log).containsExactly("Cleaning data...", "Tokenizing...", "Building vocabulary...",
        "Counting lines...");
  }

  @Test
  void readingTokenizedAloneDoesNotBuildTheVocabulary() {
    DataPipeline p = new DataPipeline(LazyProperties.create(), List.of("a b"));

    p.tokenized.get();

    assertThat(p.log).containsExactly("Cleaning data...", "Tokenizing...");
    assertThat(p.vocabulary.isEvaluated()).isFalse();
  }

  @Test
  void manyThreadsReadingAtOnceComputeEachPropertyOnce() throws Exception {
    DataPipeline p = new DataPipeline(LazyProperties.on(Graph.create()), List.of("a b", "c"));
    int threads = 32;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await(20, TimeUnit.SECONDS);
          return p.vocabulary.get();
        }));
      }
      for (Future<List<String>> r : results) {
        assertThat(r.get(20, TimeUnit.SECONDS)).containsExactly("a", "b", "c");
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(p.log).containsExactlyInAnyOrder("Cleaning data...", "Tokenizing...", "Building vocabulary...");
  }
}
