package dev.sloth.bench.dash;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The dashboard's cost in CPU time rather than wall time, for machines whose cores are shared (where JMH's wall
 * times swing by several times between runs): runs {@link DashboardBenchmark}'s workload for a few seconds per
 * setting, in this one JVM, and prints per node run the CPU time of the thread calling {@code get()} (the engine's
 * own cost, which is what the listener adds to) and of the whole process (which adds the dashboard's pump, the
 * client's writer, GC and JIT). Ratios are against {@code attached=none} measured in the same run.
 *
 * <pre>{@code
 * java -cp sloth-bench/target/benchmarks.jar dev.sloth.bench.dash.DashboardCost [seconds per setting, default 3]
 * }</pre>
 */
public final class DashboardCost {
  private DashboardCost() {}

  /** CPU time per live thread, by name (threads of one name summed). */
  private static java.util.Map<String, Long> perThread(ThreadMXBean threads) {
    java.util.Map<String, Long> m = new java.util.HashMap<>();
    for (java.lang.management.ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (t != null) {
        long cpu = threads.getThreadCpuTime(t.getThreadId());
        if (cpu > 0) {
          m.merge(t.getThreadName().replaceAll("[0-9]+$", "#"), cpu, Long::sum);
        }
      }
    }
    return m;
  }

  public static void main(String[] args) throws Exception {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    System.out.printf("%-10s %-10s %5s %14s %14s %14s%n", "attached", "mode", "work", "wall ns/node",
        "caller CPU ns", "process CPU ns");
    for (int work : new int[] {0, 2000}) {
      double[] base = null;
      for (String attached : new String[] {"none", "listener", "sampled", "dashboard", "none", "listener", "sampled",
          "dashboard"}) {
        DashboardBenchmark b = new DashboardBenchmark();
        b.attached = attached;
        b.mode = "sequential";
        b.work = work;
        b.setUp();
        long warm = System.nanoTime() + 2_000_000_000L; // JIT compilation out of the way
        while (System.nanoTime() < warm) {
          b.update();
        }
        long ops = 0;
        java.util.Map<String, Long> before = perThread(threads);
        long wall0 = System.nanoTime();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long proc0 = os.getProcessCpuTime();
        long end = wall0 + (long) (seconds * 1e9);
        while (System.nanoTime() < end) {
          b.update();
          ops++;
        }
        double nodes = ops * (DashboardBenchmark.WIDTH + 1.0);
        double[] r = {(System.nanoTime() - wall0) / nodes, (threads.getCurrentThreadCpuTime() - cpu0) / nodes,
            (os.getProcessCpuTime() - proc0) / nodes};
        java.util.Map<String, Long> after = perThread(threads);
        StringBuilder others = new StringBuilder();
        after.forEach((name, cpu) -> {
          long used = cpu - before.getOrDefault(name, 0L);
          if (!name.equals(Thread.currentThread().getName()) && used > 0.02 * seconds * 1e9) {
            others.append(String.format(" %s %.0f%%", name, 100 * used / (seconds * 1e9)));
          }
        });
        b.tearDown();
        String ratio = "";
        if (attached.equals("none")) {
          base = r;
        } else {
          ratio = String.format("   caller %.2fx, process %.2fx", r[1] / base[1], r[2] / base[2]);
        }
        System.out.printf("%-10s %-10s %5d %14.0f %14.0f %14.0f%s%n", attached, "sequential", work, r[0], r[1], r[2],
            ratio);
        if (others.length() > 0) {
          System.out.println("           other threads (share of one core):" + others);
        }
      }
    }
  }
}
