package dev.sloth.array;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Evaluates a lazy array for a selection: checks the size, short-cuts homogeneous arrays (one element computed,
 * then repeated), prepares the bases that need the whole selection first (once, in order), then runs compiled
 * {@link Kernel}s block by block, sequentially or in disjoint chunks of whole blocks on an executor.
 */
final class Evaluation {
  static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

  private Evaluation() {}

  static Evaluated evaluate(LArray a, Selection sel, Executor executor, int parallelism) {
    long size = sel.size();
    if (size > MAX_ELEMENTS) {
      throw new IllegalArgumentException("cannot evaluate " + size + " elements (shape " + sel.resultShape()
          + ") into one Java array; address a part of the array instead");
    }
    int n = (int) size;
    ElementType type = a.elementType();
    if (a.isHomogeneous()) {
      Object out = Evaluated.allocate(type, n);
      if (n > 0) {
        Kernel k = Kernel.compile(a, 1);
        Block b = new Block(sel, 1);
        b.reset(0, 1);
        k.run(b);
        k.store(out, 0, 1);
        fillFromFirst(out, type, n);
      }
      return new Evaluated(sel.resultShape(), type, out);
    }
    LArray prepared = prepare(a, sel, new IdentityHashMap<>());
    if (executor == null || parallelism <= 1 || n <= Kernel.BLOCK) {
      Object out = Evaluated.allocate(type, n);
      run(prepared, sel, out, 0, 0, n);
      return new Evaluated(sel.resultShape(), type, out);
    }
    long blocks = (n + (long) Kernel.BLOCK - 1) / Kernel.BLOCK;
    int chunk = (int) Math.min(n, (blocks + parallelism - 1) / parallelism * Kernel.BLOCK);
    int parts = (n + chunk - 1) / chunk;
    Object[] chunks = new Object[parts];
    List<CompletableFuture<Void>> futures = new ArrayList<>(parts);
    // A generated loop reading the base directly must write the result at the base's index (else C2 does not
    // vectorise it): the chunks share one result array, zeroed by this thread. Otherwise each chunk is allocated by
    // the thread that computes it, so that the zeroing (2 ms for 1e7 doubles) is parallel too.
    Object shared = Kernel.runsDirect(prepared, sel) ? Evaluated.allocate(type, n) : null;
    try {
      for (int p = 0; p < parts; p++) {
        int part = p;
        int from = p * chunk;
        int to = Math.min(n, from + chunk);
        futures.add(CompletableFuture.runAsync(() -> {
          if (shared != null) {
            run(prepared, sel, shared, 0, from, to);
            return;
          }
          Object mine = Evaluated.allocate(type, to - from);
          run(prepared, sel, mine, from, from, to);
          chunks[part] = mine; // published to the caller by join(), as the writes into shared are
        }, executor));
      }
    } catch (RuntimeException | Error e) { // the executor refused a chunk: the chunks it took end before we do
      for (CompletableFuture<Void> f : futures) {
        try {
          f.join();
        } catch (CompletionException chunkFailure) {
          e.addSuppressed(chunkFailure.getCause());
        }
      }
      throw e;
    }
    try {
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err;
      }
      throw e;
    }
    return shared != null ? new Evaluated(sel.resultShape(), type, shared)
        : new Evaluated(sel.resultShape(), type, chunks, chunk);
  }

  /** One element, without allocating anything proportional to the array. */
  static Kernel evaluateOne(LArray a, Selection sel) {
    LArray prepared = a.isHomogeneous() ? a : prepare(a, sel, new IdentityHashMap<>());
    Kernel k = Kernel.compile(prepared, 1);
    Block b = new Block(sel, 1);
    b.reset(0, 1);
    k.run(b);
    return k;
  }

  /** Result elements {@code [from, to)} into {@code out}, whose element 0 is result element {@code outStart}. */
  private static void run(LArray a, Selection sel, Object out, int outStart, int from, int to) {
    int capacity = Math.max(1, Math.min(Kernel.BLOCK, to - from));
    Kernel k = Kernel.compile(a, capacity);
    double[] direct = outStart == 0 ? k.directSource(sel) : null;
    if (direct != null) { // the generated loop from the base's array straight into the result, block by block
      k.runDirect(direct, (double[]) out, from, to);
      return;
    }
    Block b = new Block(sel, capacity);
    for (int s = from; s < to; s += capacity) {
      int m = Math.min(capacity, to - s);
      b.reset(s, m);
      k.run(b);
      k.store(out, s - outStart, m);
    }
  }

  /** The same expression with every base prepared for the selection; a base shared by operands once. */
  private static LArray prepare(LArray a, Selection sel, Map<Base, Base> done) {
    Base base = done.computeIfAbsent(a.base(), b -> b.prepare(sel));
    Op[] ops = a.ops().clone();
    for (int i = 0; i < ops.length; i++) {
      if (ops[i].operand() != null) {
        LArray second = ops[i].operand2();
        ops[i] = ops[i].withOperands(prepare(ops[i].operand(), sel, done),
            second == null ? null : prepare(second, sel, done));
      }
    }
    return a.rebuilt(base, ops);
  }

  private static void fillFromFirst(Object out, ElementType type, int n) {
    switch (type) {
      case DOUBLE -> java.util.Arrays.fill((double[]) out, ((double[]) out)[0]);
      case LONG -> java.util.Arrays.fill((long[]) out, ((long[]) out)[0]);
      case INT -> java.util.Arrays.fill((int[]) out, ((int[]) out)[0]);
      case BOOLEAN -> java.util.Arrays.fill((boolean[]) out, ((boolean[]) out)[0]);
    }
  }
}
