#!/usr/bin/env bash
# Lazy arrays, side by side in one run: Sloth's LArray (JMH) and the Python peers lazyarray and NumPy
# (sloth-bench/python/array_peers.py, Debian's /usr/bin/python3). Results: docs/bench/array.md.
# Usage: sloth-bench/run-array.sh [extra JMH args]      (default: -f 1 -wi 3 -w 1s -i 5 -r 1s)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME; JAVA_HOME=$(./sloth java-home)
export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -pl sloth-bench -am package -DskipTests
jmh_args=("$@")
(( ${#jmh_args[@]} )) || jmh_args=(-f 1 -wi 3 -w 1s -i 5 -r 1s)

echo "== Sloth LArray (JMH, us/op) =="
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# JMH refuses to start while another JMH run holds /tmp/jmh.lock (other benchmarks on this machine): wait.
for attempt in $(seq 1 60); do
  if java -jar sloth-bench/target/benchmarks.jar 'dev.sloth.bench.array.LazyArrayBenchmark' "${jmh_args[@]}" \
      >"$out" 2>&1; then
    break
  fi
  if grep -q 'Unable to acquire the JMH lock' "$out"; then
    echo "(another JMH run holds the lock; waiting, attempt $attempt)"
    sleep 20
  else
    cat "$out"
    exit 1
  fi
done
grep -E '^(Benchmark|LazyArrayBenchmark)' "$out"

echo
echo "== Python peers (us per call) =="
PY=/usr/bin/python3
if [[ ! -x $PY ]]; then
  echo "skipped: $PY not found (apt-get install python3-numpy python3-lazyarray)"
elif ! $PY -c 'import numpy' 2>/dev/null; then
  echo "skipped: NumPy missing for $PY (apt-get install python3-numpy python3-lazyarray)"
else
  $PY sloth-bench/python/array_peers.py 5
fi
