package dev.sloth.bench.module;

import dev.sloth.module.Binding;
import dev.sloth.module.LazyModule;
import dev.sloth.module.ModuleRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Start-up to first response of an application of {@code N} components, each costing a few milliseconds of real
 * work (chained SHA-256) to build, where the first request touches {@code K} of them. Every component also reads
 * one shared, cheap configuration component. Run one variant per fresh JVM (see {@code run-module.sh}):
 *
 * <ul>
 *   <li>{@code eager}: plain Java, every component built into an array before serving;
 *   <li>{@code only-k}: plain Java that builds just the K components the request needs: the floor for any lazy
 *       scheme in a cold JVM (the K components are built before the JIT has warmed up);
 *   <li>{@code sloth-eager}: the same Sloth modules in {@code ALL_EAGER} mode (the cost of the machinery);
 *   <li>{@code lazy}: Sloth modules, components built on first read;
 *   <li>{@code prewarm}: Sloth modules plus {@code registry.prewarm()} started right after loading.
 * </ul>
 *
 * <p>What a component's work is, the fifth argument:
 *
 * <ul>
 *   <li>{@code cpu} (default): {@code WORK} rounds of SHA-256 in a cold JVM; the K components of a lazy run are built
 *       before the JIT has compiled SHA-256, so each costs several times what it costs inside the eager loop;
 *   <li>{@code warm}: the same, but SHA-256 is JIT-compiled before the clock starts (by building throw-away
 *       components), so every component costs the same whenever it is built; Sloth's own classes stay cold;
 *   <li>{@code wait}: each component blocks for {@code WORK} microseconds (like waiting for I/O), a cost that does
 *       not depend on the JIT at all.
 * </ul>
 *
 * <p>With {@code warm} or {@code wait}, lazy/eager can reach K/N; with {@code cpu} the floor is {@code only-k}.
 *
 * <pre>{@code
 * java -cp sloth-bench/target/benchmarks.jar dev.sloth.bench.module.StartupBenchmark lazy 1000 10 30000
 * java -cp sloth-bench/target/benchmarks.jar dev.sloth.bench.module.StartupBenchmark lazy 1000 10 2000 wait
 * java -Dphases=true ...   # also prints the split between binding and loading the modules
 * }</pre>
 */
public final class StartupBenchmark {
  private static final int MODULES = 10;

  private StartupBenchmark() {}

  /** One built component: the digest its construction computed. */
  record Component(int id, byte[] digest) {}

  /** How a component spends its work: see the class comment. */
  private static String kind = "cpu";

  public static void main(String[] args) throws Exception {
    long start = System.nanoTime();
    String variant = args.length > 0 ? args[0] : "lazy";
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
    int k = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int work = args.length > 3 ? Integer.parseInt(args[3]) : 8000;
    kind = args.length > 4 ? args[4] : "cpu";
    if (!kind.equals("cpu") && !kind.equals("warm") && !kind.equals("wait")) {
      throw new IllegalArgumentException("kind is '" + kind + "'; expected cpu, warm or wait");
    }
    if (kind.equals("warm")) {
      warmUp(work);
      start = System.nanoTime(); // the clock starts once SHA-256 is compiled
    }
    int[] touched = new int[k];
    for (int i = 0; i < k; i++) {
      touched[i] = (int) ((long) i * n / k + n / (2 * k));
    }
    String extra = "";
    long end = 0;
    long response;
    int built;
    switch (variant) {
      case "eager" -> {
        Component config = build(-1, 10);
        Component[] all = new Component[n];
        for (int i = 0; i < n; i++) {
          all[i] = build(i, work, config);
        }
        long r = 0;
        for (int t : touched) {
          r += all[t].digest()[0];
        }
        response = r;
        end = System.nanoTime();
        built = n + 1;
      }
      case "only-k" -> {
        Component config = build(-1, 10);
        long r = 0;
        for (int t : touched) {
          r += build(t, work, config).digest()[0];
        }
        response = r;
        end = System.nanoTime();
        built = k + 1;
      }
      case "lazy", "prewarm", "sloth-eager" -> {
        ModuleRegistry registry = ModuleRegistry.builder()
            .mode(variant.equals("sloth-eager") ? ModuleRegistry.Mode.ALL_EAGER : ModuleRegistry.Mode.LAZY_AS_DECLARED)
            .build();
        long loading = System.nanoTime();
        List<Binding<Component>> components = loadApplication(registry, n, work);
        long loaded = System.nanoTime();
        CompletableFuture<?> warm = variant.equals("prewarm") ? registry.prewarm() : null;
        long r = 0;
        for (int t : touched) {
          r += components.get(t).get().digest()[0];
        }
        response = r;
        long firstResponse = System.nanoTime();
        String cpu = mainThreadCpu();
        extra = String.format(" load_ms=%.1f", (loaded - loading) / 1e6); // formatted after the clock stopped
        built = registry.snapshot().inState(dev.sloth.module.BindingState.RESOLVED).size();
        if (warm != null) {
          warm.get(10, TimeUnit.MINUTES);
          extra += String.format(" all_warm_ms=%.1f", (System.nanoTime() - start) / 1e6);
        }
        print(variant, n, k, work, firstResponse - start, built, response, cpu + extra);
        return;
      }
      default -> throw new IllegalArgumentException("variant is '" + variant + "'; expected eager, only-k, "
          + "sloth-eager, lazy or prewarm");
    }
    print(variant, n, k, work, end - start, built, response, mainThreadCpu() + extra);
  }

  /**
   * The CPU time the main thread has used so far (including the JVM's start on it, the same in every variant), read
   * right after the first response: on a machine shared with other jobs it moves much less than the wall-clock time.
   * Linux only; empty elsewhere.
   */
  private static String mainThreadCpu() {
    try {
      String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/schedstat"));
      return String.format(" main_cpu_ms=%.1f", Long.parseLong(stat.substring(0, stat.indexOf(' '))) / 1e6);
    } catch (java.io.IOException | RuntimeException e) {
      return "";
    }
  }

  private static void print(String variant, int n, int k, int work, long nanos, int built, long response,
      String extra) {
    System.out.printf("variant=%s n=%d k=%d work=%d kind=%s first_response_ms=%.1f built=%d response=%d%s%n",
        variant, n, k, work, kind, nanos / 1e6, built, response, extra);
  }

  /** The application: a config module with one cheap binding, and {@code n} components spread over 10 modules. */
  static List<Binding<Component>> loadApplication(ModuleRegistry registry, int n, int work) {
    long t0 = System.nanoTime();
    LazyModule configModule = LazyModule.named("config");
    Binding<Component> config = configModule.bind("settings", Component.class, () -> build(-1, 10));
    registry.load(configModule);
    List<Binding<Component>> components = new ArrayList<>(n);
    List<LazyModule> modules = new ArrayList<>();
    for (int m = 0; m < MODULES; m++) {
      modules.add(LazyModule.named("app.part" + m));
    }
    for (int i = 0; i < n; i++) {
      int id = i;
      components.add(modules.get(i % MODULES).bind("c" + i, Component.class, () -> build(id, work, config.get())));
    }
    long bound = System.nanoTime();
    modules.forEach(registry::load);
    if (Boolean.getBoolean("phases")) {
      System.out.printf("bind_ms=%.1f load_modules_ms=%.1f%n", (bound - t0) / 1e6, (System.nanoTime() - bound) / 1e6);
    }
    return components;
  }

  static Component build(int id, int work, Component config) {
    Component c = build(id, work);
    c.digest()[1] ^= config.digest()[1];
    return c;
  }

  /**
   * Builds throw-away components until SHA-256 runs at its compiled speed: two builds in a row within 10% of each
   * other after at least 20 (at most 200).
   */
  private static void warmUp(int work) {
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 200; i++) {
      long t = System.nanoTime();
      build(-2 - i, work);
      long took = System.nanoTime() - t;
      if (i >= 20 && Math.abs(took - previous) * 10 < previous) {
        return;
      }
      previous = took;
    }
  }

  /**
   * One component: {@code work} rounds of SHA-256 over the previous digest (a few milliseconds of real CPU work for
   * 8000 rounds), or with kind {@code wait}, a digest of the id after blocking for {@code work} microseconds.
   */
  static Component build(int id, int work) {
    if (kind.equals("wait") && work > 0) {
      long until = System.nanoTime() + work * 1000L;
      for (long left = work * 1000L; left > 0; left = until - System.nanoTime()) {
        java.util.concurrent.locks.LockSupport.parkNanos(left);
      }
      work = 1;
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] d = Integer.toString(id).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (int i = 0; i < work; i++) {
        d = sha.digest(d);
      }
      return new Component(id, d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
