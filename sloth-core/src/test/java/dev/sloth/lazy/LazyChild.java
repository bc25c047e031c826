package dev.sloth.lazy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The program {@link LazyFaultTest} runs in child JVMs (with a chosen {@code -Xss}, or none). Every thread it uses
 * is created with the default stack size of its JVM. It prints one line starting with {@code OK} or {@code FAIL}.
 *
 * <ul>
 *   <li>{@code overflow DEPTH}: for 8 frame shapes, a chain of DEPTH Lazies each reading the one below from its
 *       supplier (plain user nesting, so the stack overflows somewhere in it); after the overflow, no Lazy of the
 *       chain may still be computing, and a fresh thread must evaluate the chain bottom-up to the right values;
 *   <li>{@code mapchain N}: a chain of N {@code map}s, then of N {@code flatMap}s, evaluated on one default thread.
 * </ul>
 */
public final class LazyChild {
  private LazyChild() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    int n = Integer.parseInt(args[1]);
    String result = switch (mode) {
      case "overflow" -> overflow(n);
      case "mapchain" -> mapChain(n);
      default -> "FAIL unknown mode " + mode;
    };
    System.out.println(result);
    System.out.flush();
    System.exit(result.startsWith("OK") ? 0 : 1);
  }

  private static String overflow(int depth) throws Exception {
    int overflows = 0;
    for (int shape = 0; shape < 8; shape++) {
      List<Lazy<Integer>> chain = new ArrayList<>(depth);
      Lazy<Integer> below = Lazy.of(() -> 0);
      chain.add(below);
      for (int i = 1; i < depth; i++) {
        Lazy<Integer> prev = below;
        int pad = shape;
        below = Lazy.of(() -> padded(pad, prev) + 1);
        chain.add(below);
      }
      Lazy<Integer> top = below;
      AtomicReference<Throwable> thrown = new AtomicReference<>();
      Thread t = new Thread(() -> {
        try {
          top.get();
        } catch (Throwable e) {
          thrown.set(e);
        }
      });
      t.start();
      t.join();
      if (thrown.get() instanceof StackOverflowError) {
        overflows++;
      } else if (thrown.get() != null) {
        return "FAIL shape " + shape + ": " + thrown.get();
      }
      for (int i = 0; i < depth; i++) {
        if (chain.get(i).toString().contains("computing")) {
          return "FAIL shape " + shape + ": Lazy " + i + " of " + depth + " still computing after the overflow";
        }
      }
      int[] reached = {-1};
      Thread fresh = new Thread(() -> {
        for (int i = 0; i < depth; i++) {
          if (chain.get(i).get() != i) {
            return;
          }
          reached[0] = i;
        }
      });
      fresh.setDaemon(true);
      fresh.start();
      fresh.join(20_000);
      if (fresh.isAlive() || reached[0] != depth - 1) {
        return "FAIL shape " + shape + ": a fresh thread " + (fresh.isAlive() ? "hangs" : "stopped") + " at Lazy "
            + (reached[0] + 1) + " of " + depth;
      }
    }
    return "OK " + overflows + " overflows";
  }

  /** Uses {@code pad} extra frames before reading {@code prev}: shifts where in a level the stack runs out. */
  private static int padded(int pad, Lazy<Integer> prev) {
    return pad == 0 ? prev.get() : padded(pad - 1, prev);
  }

  private static String mapChain(int n) throws Exception {
    AtomicReference<Object> out = new AtomicReference<>();
    Thread t = new Thread(() -> {
      try {
        Lazy<Integer> mapped = Lazy.of(() -> 0);
        for (int i = 0; i < n; i++) {
          mapped = mapped.map(x -> x + 1);
        }
        Lazy<Integer> flat = Lazy.of(() -> 0);
        for (int i = 0; i < n; i++) {
          flat = flat.flatMap(x -> Lazy.of(() -> x + 1));
        }
        out.set(List.of(mapped.get(), flat.get()));
      } catch (Throwable e) {
        out.set(e);
      }
    });
    t.start();
    t.join();
    return out.get().equals(List.of(n, n)) ? "OK " + out.get() : "FAIL " + out.get();
  }
}
