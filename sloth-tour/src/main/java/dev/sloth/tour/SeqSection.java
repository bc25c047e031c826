package dev.sloth.tour;

import dev.sloth.lazy.Lazy;
import dev.sloth.seq.LongSeq;
import dev.sloth.seq.Page;
import dev.sloth.seq.Seq;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Lazy values and lazy sequences: a Lazy computed once, a "first 10 vs all" pipeline of squares, resources
 * that always close, and a paged source that fetches only what is consumed.
 */
final class SeqSection implements Section {
  @Override
  public String title() {
    return "Seq and Lazy: lazy sequences and values";
  }

  @Override
  public void run(Out out) throws Exception {
    lazy(out);
    out.blank();
    firstTenVersusAll(out);
    out.blank();
    resources(out);
    out.blank();
    paging(out);
  }

  private static void lazy(Out out) throws Exception {
    AtomicInteger loads = new AtomicInteger();
    Lazy<String> config = Lazy.of(() -> {
      loads.incrementAndGet();
      return "config#" + loads.get();
    });
    out.line("Lazy.of(load) built: %s, loads = %d", config, loads.get());
    out.time("config.get()", config::get);
    out.time("config.get() again (cached)", config::get);
    out.line("after two gets: %s, loads = %d", config, loads.get());
  }

  private static void firstTenVersusAll(Out out) throws Exception {
    out.line("A pipeline: squares of 0..10M-1, keep the evens (Python generators: 28 us for 10, 668 ms for all)");
    Seq<Long> evens = Seq.range(0L, 10_000_000L).map(x -> x * x).filter(x -> x % 2 == 0);
    out.line("built (nothing ran yet): %s", evens);
    out.time("evens.take(10).toList()", () -> evens.take(10).toList());
    out.time("evens.toList().size()  (all of them)", () -> evens.toList().size());
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 20_000; i++) {
      long start = System.nanoTime();
      evens.take(10).toList();
      best = Math.min(best, System.nanoTime() - start);
    }
    out.line("first 10 once warm (best of 20,000): %.2f us", best / 1e3);
    out.line("(the one-shot times above include JIT warm-up; docs/bench/seq.md has the JMH numbers)");
    out.blank();
    allTenMillion(out, evens);
  }

  /** All 10M: the generic Seq (every square boxed) next to LongSeq (unboxed) and the hand-written loop. */
  private static void allTenMillion(Out out, Seq<Long> evens) {
    long n = 10_000_000L;
    LongSeq longEvens = LongSeq.range(0, n).map(x -> x * x).filter(x -> x % 2 == 0);
    out.line("The same pipeline on primitive longs: %s", longEvens);
    out.line("%-37s%12s %12s", "all 10M, best of 5 runs each", "into a list", "summed");
    bestOfFive(out, "Seq<Long> (boxes every square)", () -> evens.toList().size(),
        () -> evens.reduce(0L, Long::sum));
    bestOfFive(out, "LongSeq (boxes only the kept)", () -> longEvens.toList().size(), longEvens::sum);
    bestOfFive(out, "hand-written for loop", () -> {
      List<Long> kept = new ArrayList<>();
      for (long x = 0; x < n; x++) {
        long sq = x * x;
        if (sq % 2 == 0) {
          kept.add(sq);
        }
      }
      return kept.size();
    }, () -> {
      long sum = 0;
      for (long x = 0; x < n; x++) {
        long sq = x * x;
        if (sq % 2 == 0) {
          sum += sq;
        }
      }
      return sum;
    });
    out.line("(one JVM, default heap, GC included: lists vary run to run; JMH with 2 GB: docs/bench/seq.md)");
  }

  private static void bestOfFive(Out out, String label, Supplier<Object> toList, Supplier<Object> sum) {
    out.line("  %-34s %9.1f ms %9.1f ms", label, bestOfFive(toList), bestOfFive(sum));
  }

  private static double bestOfFive(Supplier<Object> body) {
    long best = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc(); // start each run with an empty young generation: the lists allocate hundreds of MB
      long start = System.nanoTime();
      body.get();
      best = Math.min(best, System.nanoTime() - start);
    }
    return best / 1e6;
  }

  private static void resources(Out out) {
    AtomicInteger opens = new AtomicInteger();
    AtomicInteger closes = new AtomicInteger();
    Seq<Integer> rows = Seq.using(() -> {
      opens.incrementAndGet();
      return (AutoCloseable) closes::incrementAndGet;
    }, r -> IntStream.range(0, 1_000).iterator());

    rows.take(3).toList();
    rows.map(x -> x * 2).first();
    try {
      rows.map(x -> 10 / (x - 5)).toList();
    } catch (ArithmeticException expected) {
      out.line("pipeline threw %s at element 5", expected.getMessage());
    }
    Seq.range(0, 4).flatMap(n -> rows.take(n)).count();
    try (Seq<Integer> s = rows.filter(x -> x % 7 == 0)) {
      for (int x : s) {
        if (x > 20) {
          break;
        }
      }
    }
    out.line("take, first, an exception, 4 flatMapped inners and a break: opens = %d, closes = %d",
        opens.get(), closes.get());
  }

  private static void paging(Out out) {
    AtomicInteger requests = new AtomicInteger();
    int pages = 1_000;
    Seq<Integer> users = Seq.paged(0, page -> {
      requests.incrementAndGet();
      List<Integer> items = IntStream.range(page * 10, page * 10 + 10).boxed().toList();
      return CompletableFuture.completedFuture(page + 1 < pages ? Page.of(items, page + 1) : Page.last(items));
    });
    try (users) {
      Iterator<Integer> it = users.iterator();
      int sum = 0;
      for (int i = 0; i < 25; i++) {
        sum += it.next();
      }
      out.line("paged source of %d pages x 10 items: consumed 25 items (sum %d)", pages, sum);
    }
    out.line("pages requested = %d (3 consumed + at most 1 prefetched), not %d", requests.get(), pages);
  }
}
