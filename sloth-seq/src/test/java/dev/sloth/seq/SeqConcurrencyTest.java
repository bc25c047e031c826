package dev.sloth.seq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** One Seq description shared by many threads: independent iterations, every resource closed. */
class SeqConcurrencyTest {
  private static final int THREADS = 64;

  @Test
  void sixtyFourThreadsIterateOneDescriptionIndependently() throws Exception {
    Counting outer = new Counting();
    Counting inner = new Counting();
    Seq<Integer> shared = outer.range(50).filter(x -> x % 5 == 0).flatMap(x -> inner.range(3).map(y -> x + y));
    List<Integer> expected = IntStream.range(0, 50).filter(x -> x % 5 == 0)
        .flatMap(x -> IntStream.range(0, 3).map(y -> x + y)).boxed().toList();
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<List<Integer>> results = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      boolean pull = i % 2 == 0;
      threads.add(Thread.ofPlatform().start(() -> {
        await(start);
        if (pull) {
          List<Integer> got = new ArrayList<>();
          shared.iterator().forEachRemaining(got::add);
          results.add(got);
        } else {
          results.add(shared.toList());
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(results).hasSize(THREADS).allSatisfy(r -> assertThat(r).isEqualTo(expected));
    assertThat(outer.opens).hasValue(THREADS);
    assertThat(outer.balanced()).as(outer.toString()).isTrue();
    assertThat(inner.opens).hasValue(THREADS * 10);
    assertThat(inner.balanced()).as(inner.toString()).isTrue();
  }

  @Test
  void closeFromAnotherThreadEndsEveryOpenIteration() throws Exception {
    Counting src = new Counting();
    Seq<Integer> shared = src.range(1_000).map(x -> x + 1);
    CyclicBarrier opened = new CyclicBarrier(THREADS + 1);
    CountDownLatch closed = new CountDownLatch(1);
    AtomicInteger failedClearly = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      threads.add(Thread.ofPlatform().start(() -> {
        Iterator<Integer> it = shared.iterator();
        it.next();
        await(opened);
        awaitLatch(closed);
        try {
          it.hasNext();
        } catch (IllegalStateException e) {
          if (e.getMessage().contains("closed while it was being iterated")) {
            failedClearly.incrementAndGet();
          }
        }
      }));
    }
    await(opened);
    assertThat(src.opens).hasValue(THREADS);
    shared.close();
    assertThat(src.closes).hasValue(THREADS);
    closed.countDown();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(failedClearly).hasValue(THREADS);
  }

  @Test
  void sixtyFourConcurrentPagedIterationsEachFetchEveryPageOnce() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    Seq<Integer> pages = Seq.paged(0, page -> {
      requests.incrementAndGet();
      List<Integer> items = IntStream.range(page * 4, page * 4 + 4).boxed().toList();
      return CompletableFuture.supplyAsync(() -> page < 9 ? Page.of(items, page + 1) : Page.last(items));
    });
    CyclicBarrier start = new CyclicBarrier(THREADS);
    AtomicInteger right = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < THREADS; i++) {
      threads.add(Thread.ofVirtual().start(() -> {
        await(start);
        if (pages.toList().equals(IntStream.range(0, 40).boxed().toList())) {
          right.incrementAndGet();
        }
      }));
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(right).hasValue(THREADS);
    assertThat(requests).hasValue(THREADS * 10);
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
