package dev.sloth.graph;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A soak loop, not a test (surefire does not pick it up, CI does not run it): the engine's model property ({@link
 * EngineModelProperties#check}) on random parallel graphs with an observer, for a bounded time, printing every
 * failure with its case ({@code n}, {@code seed}), the observer's deliveries and, when the observer has not caught
 * up after 2 s, the engine's state and a thread dump (JSON, virtual threads included). The last line counts failures
 * and checks. From the repository root, after {@code ./mvnw -B -q -o -pl sloth-core test-compile}:
 *
 * <pre>
 * M=~/.m2/repository
 * java -Djdk.trackAllThreads=true -Dsoak.seconds=240 -cp sloth-core/target/classes:sloth-core/target/test-classes:\
 * $M/org/assertj/assertj-core/3.27.7/assertj-core-3.27.7.jar:$M/net/jqwik/jqwik-api/1.10.1/jqwik-api-1.10.1.jar \
 *   dev.sloth.graph.ModelSoak 2&gt;/dev/null
 * </pre>
 *
 * <p>(stderr carries the engine's warnings about refreshes of failing nodes, expected here.) Properties: {@code
 * soak.seconds} (default 240), {@code soak.seed} (the loop's own seed; default random), {@code soak.maxN} (default
 * 150), {@code soak.evicting} (default false: with true, each graph keeps at most 1 to 40 cached values, as in the
 * property's evicting cases), {@code soak.gatherWidth} (default 16: the fewest arguments of a node that gathers its
 * arguments' values, {@code Evaluation.Entry#gatherWidth}; 1 for every node), {@code soak.releaseBatch} (default
 * 1,024: how many fresh leaves a parallel plan hands out at once while it goes on, {@code Evaluation#releaseBatch}; 1
 * hands out each at once). Several loops at once load the 2-core
 * machine as the failures were first seen. A loop's classes are read lazily: to rebuild while one runs, run it from a
 * copy of the two class folders.
 */
public final class ModelSoak {
  private ModelSoak() {}

  public static void main(String[] args) throws Exception {
    long seconds = Long.getLong("soak.seconds", 240);
    long loopSeed = Long.getLong("soak.seed", new Random().nextLong());
    int maxN = Integer.getInteger("soak.maxN", 150);
    boolean evicting = Boolean.getBoolean("soak.evicting");
    Evaluation.Entry.gatherWidth = Integer.getInteger("soak.gatherWidth", Evaluation.Entry.GATHER_WIDTH);
    Evaluation.releaseBatch = Integer.getInteger("soak.releaseBatch", Evaluation.RELEASE_BATCH);
    Random r = new Random(loopSeed);
    long end = System.nanoTime() + seconds * 1_000_000_000L;
    long checks = 0;
    int failures = 0;
    int late = 0;
    System.out.println("soak: loop seed " + loopSeed + ", " + seconds + " s, n in [1," + maxN + "]"
        + (evicting ? ", evicting" : ""));
    while (System.nanoTime() < end) {
      int n = 1 + r.nextInt(maxN);
      long seed = r.nextLong();
      Recorder rec = new Recorder();
      long t0 = System.nanoTime();
      try {
        Graph g = evicting ? Graph.builder().maximumCachedValues(1 + r.nextInt(40)).build() : Graph.create();
        EngineModelProperties.check(g, n, seed, evicting, true, rec);
      } catch (Throwable t) {
        failures++;
        long ms = (System.nanoTime() - t0) / 1_000_000;
        System.out.println("FAILURE #" + failures + " after " + checks + " checks: n=" + n + " seed=" + seed
            + " (" + ms + " ms, " + (rec.lateAt > 0 ? "late" : "not late") + ")");
        System.out.println("  " + t.toString().replace("\n", "\n  "));
        rec.print();
        Observation o = rec.observation;
        long until = System.nanoTime() + 1_000_000_000L;
        while (o != null && !o.caughtUp() && System.nanoTime() < until) {
          Thread.onSpinWait(); // a delivery after the assertion shows below
        }
        System.out.println("  deliveries after the failure (caught up: " + (o != null && o.caughtUp())
            + ", waited at most 1 s):");
        rec.print();
      }
      if (rec.lateAt > 0) {
        late++;
      }
      checks++;
    }
    System.out.println("soak: " + failures + " failures / " + checks + " checks (" + late + " late past 2 s), loop seed "
        + loopSeed);
  }

  /** Records every delivery, and the engine's state when the final value is late. */
  static final class Recorder implements EngineModelProperties.Probe {
    private static final AtomicInteger SEQ = new AtomicInteger();
    final ConcurrentLinkedQueue<String> deliveries = new ConcurrentLinkedQueue<>();
    volatile long lateAt;
    Observation observation;
    final StringBuilder lateReport = new StringBuilder();

    @Override
    public Consumer<Object> listener(Consumer<Object> lastSeen) {
      return v -> {
        int seq = SEQ.incrementAndGet();
        long p = Revisions.published();
        deliveries.add("delivery " + seq + " on " + Thread.currentThread() + ": " + v + " (published " + p + ", t="
            + System.nanoTime() + ")");
        lastSeen.accept(v);
      };
    }

    @Override
    public void observing(Observation observation) {
      this.observation = observation;
    }

    @Override
    public void late(Observation observation, List<Node<Integer>> nodes, int watched, Object expected,
        long waitedNanos) {
      lateAt = System.nanoTime();
      StringBuilder b = lateReport;
      b.append("  LATE after ").append(waitedNanos / 1_000_000).append(" ms: n").append(watched)
          .append(" expected ").append(expected).append(", published ").append(Revisions.published()).append('\n');
      b.append("  observation state=").append(observation.state.get()).append(" awaiting=")
          .append(observation.awaiting).append(" wanted=").append(field(observation, "wanted")).append(" refreshedAt=")
          .append(field(observation, "refreshedAt")).append(" caughtUp=").append(observation.caughtUp()).append('\n');
      AbstractNode<?> w = (AbstractNode<?>) nodes.get(watched);
      b.append("  watched ").append(w.name()).append(" value=").append(w.value).append(" verifiedAt=")
          .append(w.verifiedAt).append(" dirtyAt=").append(w.dirtyAt).append(" validFrom=").append(w.validFrom)
          .append(" changedAt=").append(w.changedAt).append(" inflight=").append(w.inflight).append(" ranIn=")
          .append(w.ranIn instanceof Session s ? "session@" + s.revision : w.ranIn).append('\n');
      for (Object a : w.arguments()) {
        if (a instanceof AbstractNode<?> d) {
          b.append("    argument ").append(d.name()).append(" dirtyAt=").append(d.dirtyAt).append(" records ")
              .append(w.name()).append(" as a dependent: ").append(dependsOn(d, w)).append('\n');
        }
      }
      AbstractNode<?>[] reads = w.reads();
      if (reads != null) {
        for (AbstractNode<?> d : reads) {
          b.append("    read ").append(d.name()).append(" dirtyAt=").append(d.dirtyAt).append(" records it: ")
              .append(dependsOn(d, w)).append('\n');
        }
      }
      for (Node<Integer> node : nodes) {
        describe((AbstractNode<?>) node, b);
      }
      try {
        Path dump = Files.createTempFile("soak-dump-", ".json");
        Files.delete(dump);
        Process p = new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "Thread.dump_to_file",
            "-format=json", dump.toString()).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        p.waitFor();
        b.append("  thread dump: ").append(dump).append('\n');
      } catch (IOException | InterruptedException e) {
        b.append("  no thread dump: ").append(e).append('\n');
      }
    }

    /** Whether {@code d}'s recorded dependents include {@code n}. */
    private static boolean dependsOn(AbstractNode<?> d, AbstractNode<?> n) {
      Object deps = field(d, "dependents");
      if (deps == n.ref) {
        return true;
      }
      if (deps instanceof AbstractNode.Dependents many) {
        for (int i = 0; i < many.size; i++) {
          if (many.refs[i] == n.ref) {
            return true;
          }
        }
      }
      return false;
    }

    private static void describe(AbstractNode<?> n, StringBuilder b) {
      Computation c = n.inflight;
      if (c == null && n.verifiedAt >= n.dirtyAt) {
        return;
      }
      b.append("  node ").append(n.name()).append(" value=").append(n.value).append(" verifiedAt=")
          .append(n.verifiedAt).append(" dirtyAt=").append(n.dirtyAt).append(" validFrom=").append(n.validFrom)
          .append(" changedAt=").append(n.changedAt);
      if (c != null) {
        Evaluation ev = c.evaluation;
        b.append("\n    claim ").append(c).append(" done=").append(c.isDone()).append(" owner=").append(c.owner)
            .append(" blockedOn=").append(c.blockedOn);
        if (ev != null) {
          b.append("\n    its evaluation rev=").append(ev.revision).append(" requester=").append(ev.requester)
              .append(" parallel=").append(ev.parallel).append(" cancelled=").append(ev.cancelled)
              .append(" overtaken=").append(ev.session.overtaken).append(" done=").append(field(ev, "done"))
              .append(" unresolved=").append(field(ev, "unresolved")).append(" waits=").append(field(ev, "waits"));
        }
      }
      b.append('\n');
    }

    private static Object field(Object o, String name) {
      for (Class<?> k = o.getClass(); k != null; k = k.getSuperclass()) {
        try {
          Field f = k.getDeclaredField(name);
          f.setAccessible(true);
          return f.get(o);
        } catch (NoSuchFieldException e) {
          // up
        } catch (ReflectiveOperationException | RuntimeException e) {
          return e;
        }
      }
      return "?";
    }

    void print() {
      System.out.print(lateReport);
      lateReport.setLength(0);
      for (String d; (d = deliveries.poll()) != null; ) {
        System.out.println("  " + d);
      }
    }
  }
}
