package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** Issue 3, items 6 and 7 (core side): snapshots, listeners, JFR events. */
class ObservabilityTest {

  @Test
  void listenersHearRunsHitsFailuresAndInvalidations() {
    Graph g = Graph.builder().sequential().build();
    List<String> heard = new CopyOnWriteArrayList<>();
    g.addListener(new GraphListener() {
      @Override
      public void evaluationStarted(Node<?> requested, int planned) {
        heard.add("eval " + requested.name() + " " + planned);
      }

      @Override
      public void nodeStarted(Node<?> node) {
        heard.add("start " + node.name());
      }

      @Override
      public void nodeFinished(Node<?> node, long nanos, boolean changed) {
        heard.add("done " + node.name() + (changed ? "" : " unchanged"));
      }

      @Override
      public void nodeFailed(Node<?> node, Throwable cause) {
        heard.add("failed " + node.name());
      }

      @Override
      public void cacheHit(Node<?> node) {
        heard.add("hit " + node.name());
      }

      @Override
      public void invalidated(Source<?> source, long revision) {
        heard.add("set " + source.name());
      }
    });
    Source<Integer> x = g.source("x", 2);
    Fn1<Integer, Integer> parity = g.fn1("Parity", v -> v % 2);
    Fn1<Integer, Integer> inv = g.fn1("Inv", v -> 1 / v);
    Node<Integer> p = parity.call(x);
    Node<Integer> top = inv.call(p);

    p.get();
    x.set(4);
    p.get();
    try {
      top.get();
    } catch (EvaluationException expected) {
      heard.add("threw");
    }

    assertThat(heard).containsExactly(
        "eval Parity#1 1", "start Parity#1", "done Parity#1",
        "set x",
        "eval Parity#1 1", "start Parity#1", "done Parity#1 unchanged",
        "eval Inv#1 1", "start Inv#1", "failed Inv#1", "threw");
  }

  @Test
  void aRemovedListenerHearsNothing() {
    Graph g = Graph.create();
    List<String> heard = new CopyOnWriteArrayList<>();
    GraphListener l = new GraphListener() {
      @Override
      public void nodeStarted(Node<?> node) {
        heard.add(node.name());
      }
    };
    g.addListener(l);
    assertThat(g.removeListener(l)).isTrue();
    g.fn0("F", () -> 1).call().get();
    assertThat(heard).isEmpty();
  }

  @Test
  void nodeRunsAreFlightRecorderEvents() throws Exception {
    Graph g = Graph.builder().sequential().build();
    Fn1<Integer, Integer> square = g.fn1("Square", v -> v * v);
    Path file = Files.createTempFile("sloth", ".jfr");
    try (Recording r = new Recording()) {
      r.enable("dev.sloth.NodeRun").withThreshold(java.time.Duration.ZERO);
      r.start();
      square.call(square.call(3)).get();
      r.stop();
      r.dump(file);
    }
    List<RecordedEvent> events = RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals("dev.sloth.NodeRun")).collect(Collectors.toList());
    Files.deleteIfExists(file);

    assertThat(events).extracting(e -> e.getString("node")).containsExactly("Square#1", "Square#2");
    assertThat(events).allSatisfy(e -> assertThat(e.getString("function")).isEqualTo("Square"));
  }

  @Test
  void dumpAndControlFlowShowTheSeedsThreeMoments() {
    Graph g = Graph.builder().sequential().build();
    Fn1<Integer, Integer> square = g.fn1("Square", x -> x * x);
    Fn2<Integer, Integer, Integer> mul = g.fn2("Mul", (x, y) -> x * y);
    Fn2<Integer, Integer, Integer> add = g.fn2("Add", Integer::sum);
    Node<Integer> a = square.call(2);
    Node<Integer> b = square.call(3);
    Node<Integer> c = mul.call(a, b);
    Node<Integer> d = add.call(a, b);

    GraphSnapshot before = g.dump();
    assertThat(before.nodes()).extracting(GraphSnapshot.NodeInfo::state).containsOnly(NodeState.NEW);
    assertThat(before.edges()).hasSize(4);
    assertThat(c.controlFlow().nodes()).extracting(GraphSnapshot.NodeInfo::name)
        .containsExactlyInAnyOrder("Square#1", "Square#2", "Mul#1");

    c.get();
    GraphSnapshot afterC = g.dump();
    assertThat(afterC.node("Mul#1").orElseThrow().state()).isEqualTo(NodeState.VALID);
    assertThat(afterC.node("Mul#1").orElseThrow().ranInLastGet()).isTrue();
    assertThat(afterC.node("Mul#1").orElseThrow().value()).isEqualTo("36");
    assertThat(afterC.node("Add#1").orElseThrow().state()).isEqualTo(NodeState.NEW);
    assertThat(d.controlFlow().nodes()).extracting(GraphSnapshot.NodeInfo::name).containsExactly("Add#1");

    d.get();
    GraphSnapshot afterD = g.dump();
    assertThat(afterD.nodes()).filteredOn(GraphSnapshot.NodeInfo::ranInLastGet)
        .extracting(GraphSnapshot.NodeInfo::name).containsExactly("Add#1");
    assertThat(afterD.nodes()).extracting(GraphSnapshot.NodeInfo::state).containsOnly(NodeState.VALID);
  }

  /**
   * A snapshot shows each value by its {@code toString}, user code: one that throws (or overflows the stack) shows
   * as such on its own node, and the snapshot of every other node is whole (before, {@code dump()} threw the
   * {@code toString}'s exception, naming no node, so a dashboard could take no snapshot of the graph at all).
   */
  @Test
  void aValueOrFailureWhoseTextThrowsShowsAsSuchInTheSnapshot() {
    Graph g = Graph.builder().sequential().build();
    Node<Object> broken = g.fn1("Broken", (Integer x) -> (Object) new BadText(x)).call(1);
    Node<Integer> fails = g.<Integer, Integer>fn1("Fails", (Integer x) -> {
      throw new BadMessage();
    }).call(2);
    Node<Integer> fine = g.fn1("Fine", (Integer x) -> x + 1).call(3);
    broken.get();
    fine.get();
    try {
      fails.get();
    } catch (EvaluationException expected) {
      // its text is what the snapshot shows
    }

    GraphSnapshot s = g.dump();

    assertThat(value(s, "Broken#1")).as("cut at 40 characters, as every value").startsWith("toString() threw java.lang.");
    assertThat(value(s, "Fails#1")).startsWith(BadMessage.class.getName().substring(0, 30));
    assertThat(value(s, "Fine#1")).isEqualTo("4");
  }

  /** A value text is cut at 40 characters, never between the two halves of a character beyond the BMP (an emoji). */
  @Test
  void aValueTextIsNeverCutInsideACharacter() {
    Graph g = Graph.builder().sequential().build();
    String emojis = "ab" + "\uD83D\uDE00".repeat(30); // "ab" and 30 emojis: the 37th char is the first half of one
    g.source("s", emojis);
    String text = value(g.dump(), "s");
    assertThat(text).endsWith("...");
    String kept = text.substring(0, text.length() - 3);
    assertThat(Character.isHighSurrogate(kept.charAt(kept.length() - 1))).as("ends in half an emoji: %s", kept)
        .isFalse();
    assertThat(emojis).startsWith(kept);
    String cut = ValueText.of("a" + "\uD83D\uDE00".repeat(150)); // its 200th char is the first half of an emoji
    assertThat(Character.isHighSurrogate(cut.charAt(cut.indexOf("...") - 1))).as("message text: %s", cut).isFalse();
  }

  private static String value(GraphSnapshot s, String name) {
    return s.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow().value();
  }

  /** A value whose {@code toString} overflows the stack. */
  static final class BadText {
    final int x;

    BadText(int x) {
      this.x = x;
    }

    @Override
    public String toString() {
      throw new StackOverflowError("toString recursed");
    }
  }

  /** An exception whose {@code getMessage} throws. */
  static final class BadMessage extends RuntimeException {
    @Override
    public String getMessage() {
      throw new IllegalStateException("no message");
    }
  }
}
