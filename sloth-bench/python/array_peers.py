#!/usr/bin/python3
"""Python peers of LazyArrayBenchmark: lazyarray and NumPy on the same cases, same data, same 16 operations.

A 1e7-element double array, ((a*2+1)/3) five times then sqrt; evaluate 1 element, a 1000-element slice and the
whole array. Prints one line per case: "peer case mean_us min_us runs". Run with Debian's python3:
    /usr/bin/python3 array_peers.py [repeats]
"""
import sys
import time

N = 10_000_000
REPEATS = int(sys.argv[1]) if len(sys.argv) > 1 else 5

try:
    import numpy as np
except ImportError:
    print("numpy missing: apt-get install python3-numpy (skipping the Python peers)")
    sys.exit(0)
try:
    import lazyarray
except ImportError:
    lazyarray = None
    print("lazyarray missing: apt-get install python3-lazyarray (skipping lazyarray)")


def chain(a):
    for _ in range(5):
        a = (a * 2.0 + 1.0) / 3.0
    return np.sqrt(a) if isinstance(a, np.ndarray) else lazyarray.sqrt(a)


def measure(peer, case, fn, repeats):
    fn()  # warm-up
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1e6)
    print("%-10s %-12s %12.1f %12.1f %4d" % (peer, case, sum(times) / len(times), min(times), repeats))
    sys.stdout.flush()


data = np.arange(N, dtype=float) * 0.001
mid = N // 2
print("%-10s %-12s %12s %12s %4s" % ("peer", "case", "mean_us", "min_us", "runs"))

# NumPy, eager: every operation is a full pass producing a new array; partial cases slice first.
measure("numpy", "oneElement", lambda: chain(data[mid:mid + 1])[0], REPEATS * 20)
measure("numpy", "slice1000", lambda: chain(data[mid:mid + 1000]), REPEATS * 20)
measure("numpy", "whole", lambda: chain(data), REPEATS)

if lazyarray is not None:
    queued = chain(lazyarray.larray(data))
    measure("lazyarray", "oneElement", lambda: queued[mid], REPEATS * 20)
    measure("lazyarray", "slice1000", lambda: queued[mid:mid + 1000], REPEATS * 20)
    measure("lazyarray", "whole", lambda: queued.evaluate(), REPEATS)
