"""The squares pipeline, timed: squares of range(10M), keep the evens; first 10 vs all.

Prints one line per measurement, "peer <name> <best-seconds>", the best of several runs, so run-seq.sh can put
them beside the JMH numbers. Standard library only.
"""
import itertools
import sys
import time

N = 10_000_000


def pipeline():
    squares = (x ** 2 for x in range(N))
    return (x for x in squares if x % 2 == 0)


def first10():
    return list(itertools.islice(pipeline(), 10))


def everything():
    return list(pipeline())


def best(fn, repeats):
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main():
    repeats_all = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    t10, r10 = best(first10, 1000)
    assert r10 == [0, 4, 16, 36, 64, 100, 144, 196, 256, 324], r10
    tall, rall = best(everything, repeats_all)
    assert len(rall) == N // 2
    print(f"python {sys.version.split()[0]}")
    print(f"peer first10_python_generators_us {t10 * 1e6:.2f}")
    print(f"peer all_python_generators_ms {tall * 1e3:.1f}")


if __name__ == "__main__":
    main()
