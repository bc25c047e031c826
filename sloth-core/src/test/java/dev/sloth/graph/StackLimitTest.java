package dev.sloth.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 7: a StackOverflowError leaves no lock, claim or thread state behind. Each case runs in a child JVM
 * with a small stack ({@link Child}), which prints OK when everything still works after the overflow.
 */
class StackLimitTest {

  @Test
  void afterAStackOverflowInNestedReadsEveryGraphStillWorks() throws Exception {
    for (String mode : new String[] {"parallel", "sequential"}) {
      for (String stack : new String[] {"256k", "512k"}) {
        Result r = runChild(stack, mode);
        assertThat(r.exit).as("child (%s, -Xss%s) output:%n%s", mode, stack, r.output).isZero();
        assertThat(r.output).contains("OK");
      }
    }
  }

  /**
   * Reads at every stack depth down to the limit, over and over, in a graph without a bound on cached values: the
   * engine's hot paths read whether any bound exists, and that read must never be the first use of a class at the
   * stack limit (a class whose initialisation overflows stays unusable for the life of the JVM: every later get()
   * failed with {@code NoClassDefFoundError: Could not initialize class dev.sloth.graph.LruPolicy}).
   */
  @Test
  void readsAtEveryDepthDownToTheStackLimitLeaveTheEngineUsable() throws Exception {
    for (String stack : new String[] {"256k", "512k"}) {
      Result r = runChild(stack, ProbingChild.class.getName(), "sequential");
      assertThat(r.exit).as("child (-Xss%s) output:%n%s", stack, r.output).isZero();
      assertThat(r.output).contains("OK");
    }
  }

  /**
   * The same probe in graphs with a bound on cached values, so that most reads evict or restore a value at the stack
   * limit. Each of these hung before (8 runs of 8): an eviction's claim was released by a call, which overflowed, so
   * the node stayed claimed by nobody and the next get() of it waited forever; a run cut short in its {@code
   * finally} also left its thread "inside" the function, so that a later {@code set()} was refused.
   */
  @Test
  void boundedGraphsReadAtEveryDepthDownToTheStackLimitWithoutAHang() throws Exception {
    for (String mode : new String[] {"sequential", "parallel"}) {
      for (String stack : new String[] {"256k", "512k"}) {
        Result r = runChild(stack, ProbingChild.class.getName(), mode, "bounded");
        assertThat(r.exit).as("child (%s, bounded, -Xss%s) output:%n%s", mode, stack, r.output).isZero();
        assertThat(r.output).contains("OK");
      }
    }
  }

  record Result(int exit, String output) {}

  private static Result runChild(String stack, String mode) throws IOException, InterruptedException {
    return runChild(stack, Child.class.getName(), mode);
  }

  private static Result runChild(String stack, String main, String... args)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> cmd = new ArrayList<>(List.of(java.toString(), "-Xss" + stack, "-XX:+UseSerialGC", "-Xmx256m",
        "-cp", System.getProperty("java.class.path"), main));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return e.toString();
      }
    });
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, "hung (killed): " + out.getNow(""));
    }
    try {
      return new Result(p.exitValue(), out.get(10, TimeUnit.SECONDS));
    } catch (Exception e) {
      return new Result(p.exitValue(), e.toString());
    }
  }

  /** Overflows the stack with nested reads, then checks that nothing is left claimed or locked. */
  public static final class Child {
    public static void main(String[] args) throws Exception {
      boolean parallel = args[0].equals("parallel");
      for (int round = 0; round < 3; round++) {
        Graph g = parallel ? Graph.create() : Graph.builder().sequential().build();
        Source<Integer> s = g.source("s", 1);
        List<Node<Integer>> chain = new ArrayList<>();
        Node<Integer> previous = s;
        for (int i = 0; i < 20_000; i++) {
          Node<Integer> before = previous;
          int frames = 150 + (i * 37) % 150; // user frames between reads: the overflow strikes ever other frames
          Node<Integer> n = g.computed("c" + i, () -> deep(frames, before) + 1);
          chain.add(n);
          previous = n;
        }
        Node<Integer> top = previous;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
          try {
            top.get();
          } catch (Throwable e) {
            failure.set(e);
          }
        });
        t.start();
        t.join(30_000);
        if (t.isAlive()) {
          fail("the overflowing get() hung");
        }
        Throwable f = failure.get();
        if (f == null) {
          fail("the chain did not overflow the stack: nothing was tested");
        }
        if (f != null) {
          for (Throwable x = f; x != null; x = x.getCause()) {
            if (x instanceof BootstrapMethodError) {
              fail("a failure path linked a call site at the stack limit: " + f);
            }
          }
        }
        long settle = System.nanoTime() + 20_000_000_000L;
        for (Node<Integer> n : chain) {
          while (n.state() == NodeState.RUNNING && System.nanoTime() < settle) {
            Thread.onSpinWait(); // a part of the chain on another (virtual) thread may still be unwinding
          }
          if (n.state() == NodeState.RUNNING) {
            fail("'" + n.name() + "' is still claimed after the overflow");
          }
        }
        // Every graph still works, nested reads included, from another thread and from this one.
        Graph other = Graph.create();
        Source<Integer> x = other.source("x", 1);
        Node<Integer> a = other.computed("a", () -> x.get() + 1);
        Node<Integer> b = other.computed("b", () -> a.get() * 10);
        CompletableFuture<Integer> fromElsewhere = CompletableFuture.supplyAsync(b::get, Pools.VIRTUAL);
        check(fromElsewhere.get(20, TimeUnit.SECONDS) == 20, "nested reads in another graph");
        x.set(2);
        check(b.get() == 30, "a set on this thread after the overflow");
        // The overflowed chain itself works at a depth the stack allows.
        Node<Integer> shallow = chain.get(4);
        CompletableFuture<Integer> part = CompletableFuture.supplyAsync(shallow::get, Pools.VIRTUAL);
        check(part.get(20, TimeUnit.SECONDS) == 6, "a shallow part of the chain");
        s.set(5);
        CompletableFuture<Integer> again = CompletableFuture.supplyAsync(shallow::get, Pools.VIRTUAL);
        check(again.get(20, TimeUnit.SECONDS) == 10, "the chain after a change");
      }
      System.out.println("OK");
      System.exit(0);
    }

    /** Recurses {@code frames} deep, then reads {@code n}: a function with a deep stack of its own. */
    static int deep(int frames, Node<Integer> n) {
      return frames == 0 ? n.get() : deep(frames - 1, n) + 0 * frames;
    }

    private static void check(boolean ok, String what) {
      if (!ok) {
        fail(what + " gave a wrong value");
      }
    }

    private static void fail(String why) {
      System.out.println("FAIL: " + why);
      System.exit(1);
    }
  }

  /**
   * Reads the nodes of a graph at every stack depth down to the limit, then checks from a fresh thread that every
   * node still reads, with the right value, before and after a change. Arguments: {@code sequential} or {@code
   * parallel}, then optionally {@code bounded} (at most 2 cached values, so most reads evict or restore one).
   */
  public static final class ProbingChild {
    private static int next;

    public static void main(String[] args) throws Exception {
      Graph.Builder b = args[0].equals("parallel") ? Graph.builder().parallel() : Graph.builder().sequential();
      if (args.length > 1 && args[1].equals("bounded")) {
        b.maximumCachedValues(2); // most reads evict and restore: the bound's paths run at the limit too
      }
      Graph g = b.build();
      Source<Integer> s = g.source("s", 0);
      Fn2<Integer, Integer, Integer> add = g.fn2("Add", (x, k) -> x + k);
      List<Node<Integer>> nodes = new ArrayList<>();
      for (int k = 0; k < 16; k++) {
        nodes.add(add.call(s, k));
      }
      for (Node<Integer> n : nodes) {
        n.get(); // first at a shallow depth: the engine's classes initialise here, not at the stack limit
      }
      for (int round = 0; round < 40; round++) {
        int padding = round % 8;
        probe(0, padding, nodes);
      }
      for (int round = 0; round < 2; round++) {
        int base = round * 100;
        if (round > 0) {
          s.set(base);
        }
        for (int k = 0; k < nodes.size(); k++) {
          Node<Integer> n = nodes.get(k);
          CompletableFuture<Integer> read = CompletableFuture.supplyAsync(n::get, Pools.VIRTUAL);
          Integer v;
          try {
            v = read.get(20, TimeUnit.SECONDS);
          } catch (java.util.concurrent.TimeoutException hung) {
            fail("'" + n.name() + "' is still claimed after the overflows: its get() hung");
            return;
          }
          if (v != base + k) {
            fail("'" + n.name() + "' gave " + v + ", not " + (base + k));
          }
        }
      }
      System.out.println("OK");
      System.exit(0);
    }

    /** Recurses to the stack limit, then reads a node in every frame on the way back up. */
    static void probe(int depth, int padding, List<Node<Integer>> nodes) {
      try {
        probe(depth + 1 + padding, padding, nodes);
      } catch (StackOverflowError expected) {
        // the limit: the reads below now run at every depth from here up
      }
      try {
        nodes.get(next++ % nodes.size()).get();
      } catch (Throwable atTheLimit) {
        // an overflow inside the read: what is checked is what it leaves behind
      }
    }

    private static void fail(String why) {
      System.out.println("FAIL: " + why);
      System.exit(1);
    }
  }
}
