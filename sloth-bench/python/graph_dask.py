#!/usr/bin/env python3
"""The Dask peer of dev.sloth.bench.graph.GraphBenchmark: the same two graphs with dask.delayed.

  fan-in: sum_all(square(0), ..., square(19999))   20,001 tasks
  chain:  inc(inc(...inc(0)))                        2,000 tasks

Each run builds the graph afresh and computes it, with the synchronous scheduler (one thread, Dask's cheapest) and
the threaded one; the time per task (build + compute) is the best of a few runs, in microseconds. Prints one
machine-readable line per result:

  RESULT <shape> <scheduler> <tasks> <us-per-task> <us-build-per-task>
  SLOW <scheduler> <milliseconds> <value>     (best of 3 of the slow example: two 100 ms Squares, then a 100 ms Mul)

Run with Debian's python (apt-get install python3-dask): /usr/bin/python3 sloth-bench/python/graph_dask.py [runs]
If dask is missing it says so and exits 0, so the run script can go on without it.
"""
import sys
import time

try:
    import dask
    from dask import delayed
except ImportError:
    print("graph_dask.py: dask is not installed for " + sys.executable
          + "; skipping the Dask peer (apt-get install -y python3-dask, then run with /usr/bin/python3)")
    sys.exit(0)

FAN_IN_WIDTH = 20_000
CHAIN_LENGTH = 2_000


def square(x):
    return x * x


def inc(x):
    return x + 1


def sum_all(*xs):
    s = 0
    for x in xs:
        s += x
    return s


def fan_in(width):
    sq = delayed(square, pure=False)
    return delayed(sum_all, pure=False)(*[sq(i) for i in range(width)])


def chain(length):
    d = delayed(inc, pure=False)
    n = d(0)
    for _ in range(length - 1):
        n = d(n)
    return n


SHAPES = {
    "fanIn": (fan_in, FAN_IN_WIDTH, FAN_IN_WIDTH + 1, sum(i * i for i in range(FAN_IN_WIDTH))),
    "chain": (chain, CHAIN_LENGTH, CHAIN_LENGTH, CHAIN_LENGTH),
}


def measure(shape, scheduler, runs):
    build, size, tasks, expected = SHAPES[shape]
    best = best_build = float("inf")
    for _ in range(runs):
        t0 = time.perf_counter()
        root = build(size)
        t1 = time.perf_counter()
        (value,) = dask.compute(root, scheduler=scheduler)
        t2 = time.perf_counter()
        if value != expected:
            raise SystemExit("graph_dask.py: %s with %s computed %r, expected %r" % (shape, scheduler, value, expected))
        best = min(best, t2 - t0)
        best_build = min(best_build, t1 - t0)
    return tasks, best * 1e6 / tasks, best_build * 1e6 / tasks


def seed_demo(scheduler):
    """The slow example: Mul(Square(2), Square(3)), each taking 100 ms; returns the milliseconds it took."""
    def slow_square(x):
        time.sleep(0.1)
        return x * x

    def slow_mul(x, y):
        time.sleep(0.1)
        return x * y

    t0 = time.perf_counter()
    (value,) = dask.compute(delayed(slow_mul)(delayed(slow_square)(2), delayed(slow_square)(3)), scheduler=scheduler)
    if value != 36:
        raise SystemExit("graph_dask.py: the slow example computed %r, expected 36" % value)
    return (time.perf_counter() - t0) * 1e3


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    if runs < 1:
        raise SystemExit("graph_dask.py: runs must be at least 1, was %d" % runs)
    print("Dask %s on Python %s, best of %d runs" % (dask.__version__, sys.version.split()[0], runs))
    for shape in ("fanIn", "chain"):
        for scheduler in ("sync", "threads"):
            tasks, per_task, per_task_build = measure(shape, scheduler, runs)
            print("RESULT %s %s %d %.2f %.2f" % (shape, scheduler, tasks, per_task, per_task_build))
            sys.stdout.flush()
    for scheduler in ("sync", "threads"):
        print("SLOW %s %.0f 36" % (scheduler, min(seed_demo(scheduler) for _ in range(3))))


if __name__ == "__main__":
    main()
