package dev.sloth.tour;

import dev.sloth.array.Evaluated;
import dev.sloth.array.Index;
import dev.sloth.array.LArray;
import dev.sloth.array.Shape;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lazy arrays: a huge logical array from a function, operations queued on it, and only the addressed elements
 * ever computed (the count of {@code f} calls proves it); then a whole-array evaluation, fused and in parallel.
 */
final class ArraySection implements Section {
  @Override
  public String title() {
    return "Arrays: lazy arrays evaluated only where addressed";
  }

  @Override
  public void run(Out out) throws Exception {
    AtomicLong calls = new AtomicLong();
    LArray weights = LArray.fromFunction(100_000, 100_000, (i, j) -> {
      calls.incrementAndGet();
      return Math.abs(i - j) * 0.01;
    });
    LArray scaled = weights.times(2).plus(1).sqrt();
    out.line("a 100000 x 100000 array (1e10 logical elements) from f(i, j) = |i - j| * 0.01, then *2, +1, sqrt");
    out.line("queued: %s", scaled);
    out.line("f calls so far: %d", calls.get());
    out.time("scaled.getDouble(-1, 0)", () -> scaled.getDouble(-1, 0));
    out.line("f calls: %d (one element)", calls.get());
    calls.set(0);
    Evaluated block = out.time("scaled.get(\"10:13, -3:\")", () -> scaled.get("10:13, -3:"));
    out.line("shape %s, values %s", block.shape(), block);
    out.line("f calls: %d (exactly the 3 x 3 addressed elements)", calls.get());
    calls.set(0);
    Evaluated diag = out.time("scaled.get([0, 5, -1], [0, 5, -1])",
        () -> scaled.get(Index.list(0, 5, -1), Index.list(0, 5, -1)));
    out.line("pointwise int arrays (NumPy's rule): %s, f calls: %d", diag, calls.get());

    out.blank();
    out.line("one process per slice: each worker evaluates only its own rows");
    calls.set(0);
    for (var part : dev.sloth.array.Address.partition(Shape.of(100_000), 4)) {
      out.line("  rows %s -> first element %.4f", part, scaled.get(part.components().get(0), Index.at(0))
          .toDoubleArray()[0]);
    }
    out.line("f calls: %d (4 column-0 slices of 25000 rows)", calls.get());

    out.blank();
    double[] data = new double[10_000_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = i * 0.001;
    }
    LArray a = LArray.of(data);
    for (int k = 0; k < 5; k++) {
      a = a.times(2.0).plus(1.0).div(3.0);
    }
    LArray chain = a.sqrt();
    out.line("1e7 doubles, ((a*2+1)/3) five times then sqrt: 16 queued operations fused into one pass");
    for (int round = 0; round < 3; round++) {
      out.time("chain.evaluate() round " + (round + 1), () -> chain.evaluate().size());
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Evaluated par = out.time("chain.evaluate(pool, 2)", () -> chain.evaluate(pool, 2));
      out.line("parallel result equals sequential: %s", par.equals(chain.evaluate()));
    } finally {
      pool.shutdown();
    }
    out.time("chain.get(5000000:5001000) (1000 elements)", () -> chain.get("5000000:5001000").size());
  }
}
