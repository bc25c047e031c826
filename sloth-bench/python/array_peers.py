#!/usr/bin/python3
"""Python peers of LazyArrayBenchmark: lazyarray and NumPy on the same cases, same data, same 16 operations.

A 1e7-element double array, ((a*2+1)/3) five times then sqrt; evaluate 1 element, a 1000-element slice and the
whole array. Prints one line per case: "peer case mean_us min_us runs". Run with Debian's python3 (packages
python3-numpy and python3-lazyarray; sloth-bench/run-array.sh installs them):
    /usr/bin/python3 array_peers.py [repeats] [--numpy-only] [--label NAME]
--numpy-only measures NumPy alone (for an interpreter without lazyarray); --label names that NumPy peer.
"""
import sys
import time

N = 10_000_000
args = [a for a in sys.argv[1:]]
NUMPY_ONLY = "--numpy-only" in args
LABEL = args[args.index("--label") + 1] if "--label" in args else "numpy"
positional = [a for i, a in enumerate(args) if not a.startswith("--") and (i == 0 or args[i - 1] != "--label")]
REPEATS = int(positional[0]) if positional else 5

try:
    import numpy as np
except ImportError:
    sys.exit("numpy missing: apt-get install python3-numpy (or pip install numpy)")
lazyarray = None
if not NUMPY_ONLY:
    try:
        import lazyarray
    except ImportError:
        sys.exit("lazyarray missing: apt-get install python3-lazyarray (or pip install lazyarray), or pass --numpy-only")


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
measure(LABEL, "oneElement", lambda: chain(data[mid:mid + 1])[0], REPEATS * 20)
measure(LABEL, "slice1000", lambda: chain(data[mid:mid + 1000]), REPEATS * 20)
measure(LABEL, "whole", lambda: chain(data), REPEATS)

if lazyarray is not None:
    queued = chain(lazyarray.larray(data))
    measure("lazyarray", "oneElement", lambda: queued[mid], REPEATS * 20)
    measure("lazyarray", "slice1000", lambda: queued[mid:mid + 1000], REPEATS * 20)
    measure("lazyarray", "whole", lambda: queued.evaluate(), REPEATS)
