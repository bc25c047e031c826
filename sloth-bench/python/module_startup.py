#!/usr/bin/env python3
"""Python peer of dev.sloth.bench.module.StartupBenchmark: start-up to first response of N components, each a few
ms of chained SHA-256, where the first request touches K of them.

  eager: every component built at import (a module that does its work at top level)
  lazy:  PEP 562 module __getattr__ + functools.cache: a component is built on first attribute access

Usage: module_startup.py VARIANT [N K WORK [KIND]]   (one variant per process, like the Java runs)
  KIND cpu (default): WORK rounds of SHA-256; KIND wait: each component blocks for WORK microseconds
"""
import functools
import hashlib
import sys
import time
import types

START = time.perf_counter()


KIND = "cpu"


def build(ident, work, config=b""):
    if KIND == "wait" and work > 0:
        time.sleep(work / 1e6)
        work = 1
    d = str(ident).encode()
    for _ in range(work):
        d = hashlib.sha256(d).digest()
    return bytes([d[0], d[1] ^ (config[1] if config else 0)]) + d[2:]


def main():
    global KIND
    KIND = sys.argv[5] if len(sys.argv) > 5 else "cpu"
    variant = sys.argv[1] if len(sys.argv) > 1 else "lazy"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    k = int(sys.argv[3]) if len(sys.argv) > 3 else 10
    work = int(sys.argv[4]) if len(sys.argv) > 4 else 8000
    touched = [i * n // k + n // (2 * k) for i in range(k)]
    if variant == "eager":
        config = build(-1, 10)
        components = [build(i, work, config) for i in range(n)]
        response = sum(components[t][0] for t in touched)
        built = n + 1
    elif variant == "lazy":
        app = types.ModuleType("app")

        @functools.cache
        def config():
            return build(-1, 10)

        @functools.cache
        def component(i):
            return build(i, work, config())

        def __getattr__(name):  # PEP 562: app.c123 builds component 123 on first access
            if name.startswith("c") and name[1:].isdigit():
                value = component(int(name[1:]))
                setattr(app, name, value)  # later reads are plain attribute reads
                return value
            raise AttributeError(name)

        app.__getattr__ = __getattr__
        response = sum(getattr(app, "c%d" % t)[0] for t in touched)
        built = component.cache_info().currsize + config.cache_info().currsize
    else:
        raise SystemExit("variant is %r; expected eager or lazy" % variant)
    ms = (time.perf_counter() - START) * 1000
    print("variant=python-%s n=%d k=%d work=%d kind=%s first_response_ms=%.1f built=%d response=%d"
          % (variant, n, k, work, KIND, ms, built, response))


if __name__ == "__main__":
    main()
