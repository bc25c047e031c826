package dev.sloth.lazy;

import java.util.List;

/**
 * Thrown by {@link Lazy#get()} when waiting for the value would wait, directly or through other threads, for a
 * computation the calling thread is running itself: a cycle between suppliers. The cycle is reported instead of
 * waited on, whether it lies on one thread or spans several; each thread that closes it gets this exception, and a
 * thread waiting on the way gets it (or what the supplier made of it) as the outcome of the Lazy it waits for.
 *
 * <pre>{@code
 * Lazy<Integer>[] b = new Lazy[1];
 * Lazy<Integer> a = Lazy.builder().name("a").build(() -> b[0].get() + 1);
 * b[0] = Lazy.builder().name("b").build(() -> a.get() + 1);
 * a.get();   // LazyCycleException: "... from inside its own supplier: cycle a -> b -> a (a on thread main, ..."
 *
 * // the same suppliers entered from two threads at once: both threads throw
 * // "Lazy cycle across threads: b -> a -> b (b on thread t2, a on thread t1); each waits for the next, ..."
 * }</pre>
 */
public final class LazyCycleException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final transient List<String> cycle;

  LazyCycleException(String message, List<String> cycle) {
    super(message);
    this.cycle = List.copyOf(cycle);
  }

  /**
   * The names of the Lazies along the cycle, in the order each one waits for the next; the first and last are the same.
   *
   * @return the names along the cycle, an unmodifiable list
   */
  public List<String> cycle() {
    return cycle;
  }
}
