package dev.sloth.bench.graph;

import dev.sloth.graph.Fn1;
import dev.sloth.graph.Graph;
import dev.sloth.graph.Node;
import dev.sloth.graph.Source;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The cost of waiting for a condition that becomes true {@code delay} after the wait starts (issue 3: "a learned
 * spin wait vs a fixed-rate poll at the same latency, in CPU time"). A plain main program, not JMH: JMH measures
 * time per operation, not CPU, and its own threads would pollute a process-wide CPU count. The waits run on virtual
 * threads, which move between carrier threads and have no CPU clock of their own (the JDK reports none), so the
 * measure is the CPU of the threads they run on: the sum of the per-thread CPU clocks of all live platform threads
 * (main, carriers, pools; nanosecond resolution) over many waits. The process's CPU time ({@code
 * com.sun.management.OperatingSystemMXBean.getProcessCpuTime()}: 10 ms ticks on Linux, includes GC and JIT) is
 * printed beside it as a cross-check.
 *
 * <p>Variants, each measured over {@code waits} waits per round, rounds interleaved, medians of rounds reported:
 * <ul>
 *   <li>{@code sloth-learned}: a {@code g.fnSpin} node polling {@code nanoTime() >= deadline} in {@code
 *       task.spin()}, after 10 warm-up calls taught its pacer the usual time; each wait is {@code deadline.set(..);
 *       node.get()} on a parallel graph (spinning nodes run on virtual threads).
 *   <li>{@code sloth-cold}: the same with a fresh function per wait, so nothing is learned (1 ms pace).
 *   <li>{@code poll-1ms}: a virtual thread checking the condition, then {@code parkNanos(1 ms)}, until it holds.
 *   <li>{@code park-once}: a virtual thread parking once until the deadline: an oracle that knows when, the floor.
 *   <li>{@code idle}: the main thread sleeping {@code delay}: the JVM's background CPU in that time.
 * </ul>
 *
 * <pre>{@code
 * java -cp sloth-bench/target/benchmarks.jar dev.sloth.bench.graph.SpinBenchmark [WAITS] [ROUNDS] [DELAY_MS]
 * }</pre>
 */
public final class SpinBenchmark {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private SpinBenchmark() {}

  /** One wait: returns the number of times the condition was checked; the caller times it. */
  private interface Waiter {
    int await(long deadline) throws Exception;
  }

  private record Sample(long lateNanos, int checks) {}

  private record Result(String name, double latencyUs, double latencyP90Us, double checks, double cpuUs,
      double processCpuUs) {}

  public static void main(String[] args) throws Exception {
    int waits = args.length > 0 ? Integer.parseInt(args[0]) : 100;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    long delay = (args.length > 2 ? Long.parseLong(args[2]) : 20) * 1_000_000L;

    Graph g = Graph.create();
    Fn1<Long, Integer> until = g.fnSpin1("WaitUntil", SpinBenchmark::spinUntil);
    Source<Long> deadline = g.source("deadline", System.nanoTime());
    Node<Integer> learned = until.call(deadline);
    AtomicInteger fresh = new AtomicInteger();

    List<String> names = List.of("sloth-learned", "sloth-cold", "poll-1ms", "park-once", "idle");
    List<Waiter> waiters = List.of(
        d -> {
          deadline.set(d);
          return learned.get();
        },
        d -> g.fnSpin1("Cold" + fresh.incrementAndGet(), SpinBenchmark::spinUntil).call(d).get(),
        SpinBenchmark::pollEveryMillisecond,
        SpinBenchmark::parkOnce,
        d -> {
          sleepUntil(d);
          return 0;
        });

    for (int i = 0; i < 10; i++) { // teach the pacer, warm the JIT
      waiters.get(0).await(System.nanoTime() + delay);
    }
    for (Waiter w : waiters) {
      run(w, Math.max(5, waits / 5), delay);
    }

    List<List<Result>> byVariant = new ArrayList<>();
    for (int v = 0; v < waiters.size(); v++) {
      byVariant.add(new ArrayList<>());
    }
    for (int r = 0; r < rounds; r++) {
      for (int v = 0; v < waiters.size(); v++) {
        byVariant.get(v).add(run(names.get(v), waiters.get(v), waits, delay));
      }
    }
    System.out.printf(Locale.ROOT, "delay=%d ms waits=%d rounds=%d cpus=%d java=%s%n", delay / 1_000_000, waits,
        rounds, Runtime.getRuntime().availableProcessors(), Runtime.version());
    Result idle = median(byVariant.get(names.indexOf("idle")));
    List<Result> medians = new ArrayList<>();
    for (List<Result> rs : byVariant) {
      Result m = median(rs);
      medians.add(m);
      System.out.printf(Locale.ROOT,
          "%-14s late_us_median=%-8.1f late_us_p90=%-8.1f checks_per_wait=%-6.1f cpu_us_per_wait=%-7.1f "
              + "cpu_net_us_per_wait=%-7.1f process_cpu_us_per_wait=%.1f%n", m.name, m.latencyUs, m.latencyP90Us,
          m.checks, m.cpuUs, m.cpuUs - idle.cpuUs, m.processCpuUs);
    }
    Result learnedR = medians.get(0);
    Result poll = medians.get(2);
    Result once = medians.get(3);
    System.out.printf(Locale.ROOT, "ratios: cpu poll-1ms/sloth-learned=%.2f (net of idle %.2f, process %.2f); "
            + "checks poll-1ms/sloth-learned=%.1f; sloth-learned/park-once cpu=%.2f; late sloth-learned/poll-1ms=%.2f%n",
        poll.cpuUs / learnedR.cpuUs, (poll.cpuUs - idle.cpuUs) / (learnedR.cpuUs - idle.cpuUs),
        poll.processCpuUs / learnedR.processCpuUs, poll.checks / learnedR.checks, learnedR.cpuUs / once.cpuUs,
        learnedR.latencyUs / poll.latencyUs);
  }

  private static Integer spinUntil(dev.sloth.graph.Task task, Long deadline) {
    for (int s : task.spin()) {
      if (System.nanoTime() >= deadline) {
        break;
      }
    }
    return task.spins();
  }

  private static int pollEveryMillisecond(long deadline) throws InterruptedException {
    int[] polls = new int[1];
    Thread t = Thread.ofVirtual().start(() -> {
      while (true) {
        polls[0]++;
        if (System.nanoTime() >= deadline) {
          return;
        }
        LockSupport.parkNanos(1_000_000);
      }
    });
    t.join();
    return polls[0];
  }

  private static int parkOnce(long deadline) throws InterruptedException {
    Thread t = Thread.ofVirtual().start(() -> sleepUntil(deadline));
    t.join();
    return 1;
  }

  private static void sleepUntil(long deadline) {
    for (long now; (now = System.nanoTime()) < deadline; ) {
      LockSupport.parkNanos(deadline - now);
    }
  }

  private static Result run(String name, Waiter w, int waits, long delay) throws Exception {
    List<Sample> samples = new ArrayList<>(waits);
    Map<Long, Long> threads0 = threadCpu();
    long process0 = OS.getProcessCpuTime();
    for (int i = 0; i < waits; i++) {
      long d = System.nanoTime() + delay;
      int checks = w.await(d);
      samples.add(new Sample(System.nanoTime() - d, checks));
    }
    long process = OS.getProcessCpuTime() - process0;
    long threads = 0;
    for (Map.Entry<Long, Long> t : threadCpu().entrySet()) {
      threads += t.getValue() - threads0.getOrDefault(t.getKey(), 0L);
    }
    long[] late = samples.stream().mapToLong(Sample::lateNanos).sorted().toArray();
    double checks = samples.stream().mapToInt(Sample::checks).average().orElse(0);
    return new Result(name, late[late.length / 2] / 1e3, late[(int) (late.length * 0.9)] / 1e3, checks,
        threads / 1e3 / waits, process / 1e3 / waits);
  }

  /**
   * CPU nanoseconds of every live platform thread by id: the main thread, the carriers virtual threads run on, the
   * graph's pool. Per-thread clocks have nanosecond resolution, unlike the process's (10 ms ticks on Linux); GC and
   * JIT threads are not Java threads and are left out, which is what a wait's own cost should leave out.
   */
  private static Map<Long, Long> threadCpu() {
    Map<Long, Long> cpu = new HashMap<>();
    for (long id : THREADS.getAllThreadIds()) {
      long t = THREADS.getThreadCpuTime(id);
      if (t >= 0) {
        cpu.put(id, t);
      }
    }
    return cpu;
  }

  private static void run(Waiter w, int waits, long delay) throws Exception {
    run("warm-up", w, waits, delay);
  }

  private static Result median(List<Result> rs) {
    double[] cpu = rs.stream().mapToDouble(Result::cpuUs).sorted().toArray();
    double[] lat = rs.stream().mapToDouble(Result::latencyUs).sorted().toArray();
    double[] p90 = rs.stream().mapToDouble(Result::latencyP90Us).sorted().toArray();
    double[] checks = rs.stream().mapToDouble(Result::checks).sorted().toArray();
    double[] process = rs.stream().mapToDouble(Result::processCpuUs).sorted().toArray();
    int m = rs.size() / 2;
    return new Result(rs.get(0).name, lat[m], p90[m], checks[m], cpu[m], process[m]);
  }
}
