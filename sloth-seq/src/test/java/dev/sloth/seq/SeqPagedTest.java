package dev.sloth.seq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SeqPagedTest {

  /** A fake paginated API: page p holds items p*10 .. p*10+9; counts requests; pages can be held back. */
  static final class FakeService {
    final int pages;
    final AtomicInteger requests = new AtomicInteger();
    final Map<Integer, CountDownLatch> requested = new ConcurrentHashMap<>();
    final Map<Integer, CompletableFuture<Page<Integer, Integer>>> held = new ConcurrentHashMap<>();
    final AtomicBoolean allVirtual = new AtomicBoolean(true);
    volatile int holdFrom = Integer.MAX_VALUE;
    volatile int failAt = -1;
    volatile Exception failure;

    FakeService(int pages) {
      this.pages = pages;
      for (int p = 0; p < pages; p++) {
        requested.put(p, new CountDownLatch(1));
      }
    }

    CompletableFuture<Page<Integer, Integer>> fetch(Integer cursor) {
      int p = cursor == null ? 0 : cursor;
      requests.incrementAndGet();
      if (!Thread.currentThread().isVirtual()) {
        allVirtual.set(false);
      }
      CompletableFuture<Page<Integer, Integer>> result;
      List<Integer> items = IntStream.range(p * 10, p * 10 + 10).boxed().toList();
      Page<Integer, Integer> page = p + 1 < pages ? Page.of(items, p + 1) : Page.last(items);
      if (p == failAt) {
        result = CompletableFuture.failedFuture(failure);
      } else if (p >= holdFrom) {
        result = new CompletableFuture<>();
        held.put(p, result);
      } else {
        result = CompletableFuture.completedFuture(page);
      }
      requested.get(p).countDown();
      return result;
    }

    void awaitRequest(int page) throws InterruptedException {
      assertThat(requested.get(page).await(30, TimeUnit.SECONDS)).as("page " + page + " requested").isTrue();
    }
  }

  @Test
  void deliversEveryItemInOrderFetchingEachPageOnceOnVirtualThreads() {
    FakeService api = new FakeService(7);
    List<Integer> all = Seq.paged(api::fetch).toList();
    assertThat(all).isEqualTo(IntStream.range(0, 70).boxed().toList());
    assertThat(api.requests).hasValue(7);
    assertThat(api.allVirtual).isTrue();
  }

  @Test
  void buildingFetchesNothing() {
    FakeService api = new FakeService(3);
    Seq<Integer> s = Seq.paged(api::fetch).map(x -> x + 1);
    assertThat(api.requests).hasValue(0);
    assertThat(s.first()).contains(1);
  }

  @Test
  void aConsumerThatStopsEarlyCausesOnlyOnePrefetchedRequest() throws Exception {
    FakeService api = new FakeService(100);
    assertThat(Seq.paged(api::fetch).take(3).toList()).containsExactly(0, 1, 2);
    api.awaitRequest(1); // the one page of prefetch
    assertThat(api.requests).hasValue(2);
  }

  @Test
  void prefetchZeroFetchesStrictlyOnDemand() {
    FakeService api = new FakeService(100);
    Iterator<Integer> it = Seq.paged(0, 0, api::fetch).iterator();
    for (int i = 0; i < 10; i++) {
      it.next();
    }
    assertThat(api.requests).hasValue(1);
    assertThat(it.next()).isEqualTo(10);
    assertThat(api.requests).hasValue(2);
  }

  @Test
  void prefetchIsBoundedWhileTheConsumerIsSlow() throws Exception {
    FakeService api = new FakeService(10);
    try (Seq<Integer> s = Seq.paged(0, 3, api::fetch)) {
      Iterator<Integer> it = s.iterator();
      assertThat(it.next()).isZero();
      api.awaitRequest(3); // pages 1, 2, 3 requested ahead of page 0 ...
      assertThat(api.requests).hasValue(4); // ... and no more, however long we wait: page 4 needs a free slot
      for (int i = 1; i < 10; i++) {
        it.next();
      }
      assertThat(it.next()).isEqualTo(10); // taking page 1 frees a slot
      api.awaitRequest(4);
      List<Integer> rest = new ArrayList<>();
      it.forEachRemaining(rest::add);
      assertThat(rest).hasSize(89);
      assertThat(api.requests).hasValue(10);
    }
  }

  @Test
  void closingCancelsTheInFlightFetch() throws Exception {
    FakeService api = new FakeService(100);
    api.holdFrom = 1;
    try (Seq<Integer> s = Seq.paged(api::fetch)) {
      assertThat(s.iterator().next()).isZero();
      api.awaitRequest(1);
    }
    CompletableFuture<Page<Integer, Integer>> inFlight = awaitHeld(api, 1);
    assertThatThrownBy(() -> inFlight.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    assertThat(api.requests).hasValue(2);
  }

  @Test
  void earlyTerminationAlsoCancelsTheInFlightFetch() throws Exception {
    FakeService api = new FakeService(100);
    api.holdFrom = 1;
    assertThat(Seq.paged(api::fetch).first()).contains(0);
    api.awaitRequest(1);
    CompletableFuture<Page<Integer, Integer>> inFlight = awaitHeld(api, 1);
    assertThatThrownBy(() -> inFlight.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
  }

  @Test
  void closingInterruptsAFetchStillBlockedBeforeItReturnedItsFuture() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicReference<Thread> fetcher = new AtomicReference<>();
    Function<Integer, CompletableFuture<Page<Integer, Integer>>> blocking = page -> {
      if (page == 0) {
        return CompletableFuture.completedFuture(Page.of(List.of(0, 1), 1));
      }
      fetcher.set(Thread.currentThread()); // a synchronous client call, wrapped in a completed future
      blocked.countDown();
      try {
        never.await();
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
      return CompletableFuture.completedFuture(Page.last(List.of(2)));
    };
    try (Seq<Integer> s = Seq.paged(0, 1, blocking)) {
      assertThat(s.iterator().next()).isZero();
      assertThat(blocked.await(30, TimeUnit.SECONDS)).as("page 1 prefetched, its fetch blocked").isTrue();
    }
    try {
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("close interrupts the blocked fetch").isTrue();
      fetcher.get().join(Duration.ofSeconds(10));
      assertThat(fetcher.get().isAlive()).as("the fetch's virtual thread ends").isFalse();
    } finally {
      never.countDown();
    }
  }

  @Test
  void aConsumerWaitingForAPageWhenAnotherThreadClosesTheSeqGetsTheGuidesClosedError() throws Exception {
    FakeService api = new FakeService(10);
    api.holdFrom = 1; // page 1 never arrives by itself
    try (Seq<Integer> s = Seq.paged(0, 0, api::fetch)) {
      Iterator<Integer> it = s.iterator();
      for (int i = 0; i < 10; i++) {
        it.next(); // page 0
      }
      FutureTask<Boolean> pull = new FutureTask<>(it::hasNext); // requests page 1, then waits for it
      Thread consumer = Thread.ofPlatform().start(pull);
      api.awaitRequest(1); // the consumer is past its closed check: it waits, or is about to, for page 1
      s.close();
      assertThatThrownBy(() -> pull.get(30, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("this Seq was closed while it was being iterated");
      consumer.join(Duration.ofSeconds(10));
      // The fetch's own thread cancels the page's future once fetch.apply has returned it, which may be after the
      // consumer saw the close: wait for that (get returns when the future completes, and only a cancel completes it).
      CompletableFuture<Page<Integer, Integer>> held = awaitHeld(api, 1);
      assertThatThrownBy(() -> held.get(30, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    }
  }

  @Test
  void aFetchErrorSurfacesAtTheElementWhereItOccursUnchanged() {
    FakeService api = new FakeService(10);
    api.failAt = 2;
    api.failure = new IllegalStateException("page 2 unavailable");
    List<Integer> got = new ArrayList<>();
    assertThatThrownBy(() -> {
      for (int x : Seq.paged(api::fetch)) {
        got.add(x);
      }
    }).isSameAs(api.failure);
    assertThat(got).isEqualTo(IntStream.range(0, 20).boxed().toList());
    assertThat(api.requests).hasValue(3);
  }

  @Test
  void aCheckedFetchErrorIsWrappedNamingThePage() {
    FakeService api = new FakeService(10);
    api.failAt = 1;
    api.failure = new IOException("connection reset");
    assertThatThrownBy(() -> Seq.paged(api::fetch).toList())
        .isInstanceOf(CompletionException.class)
        .hasMessageContaining("fetching the page at cursor 1 failed")
        .hasCause(api.failure);
  }

  @Test
  void aFetchReturningNullFailsClearly() {
    assertThatThrownBy(() -> Seq.<Integer, Integer>paged(c -> null).toList())
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("fetch returned null instead of a future");
  }

  @Test
  void emptyPagesInTheMiddleAreSkipped() {
    Seq<String> s = Seq.paged(0, p -> CompletableFuture.completedFuture(
        p == 2 ? Page.last(List.of("end")) : Page.of(List.of(), p + 1)));
    assertThat(s.toList()).containsExactly("end");
  }

  private static CompletableFuture<Page<Integer, Integer>> awaitHeld(FakeService api, int page) {
    return api.held.get(page); // stored before the page's request latch opens
  }
}
