#!/usr/bin/env bash
# Lazy arrays, side by side in one run: Sloth's LArray (JMH, with the FMA intrinsic and with -XX:-UseFMA) and the
# Python peers lazyarray and NumPy (sloth-bench/python/array_peers.py). Results: docs/bench/array.md.
# Usage: sloth-bench/run-array.sh [extra JMH args]      (default: -f 1 -wi 3 -w 1s -i 5 -r 1s)
# Settings: PYTHON (default /usr/bin/python3, which gets Debian's python3-numpy and python3-lazyarray),
#           PYTHON_NUMPY2 (default: python3 on PATH, measured as a second NumPy peer if it has NumPy 2).
# The measurement (JMH and the peers) runs under `flock /tmp/jmh.lock`, so it never overlaps another benchmark.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME; JAVA_HOME=$(./sloth java-home)
export PATH="$JAVA_HOME/bin:$PATH"
PY=${PYTHON:-/usr/bin/python3}
PY2=${PYTHON_NUMPY2:-$(command -v python3 || true)}
jmh_args=("$@")
(( ${#jmh_args[@]} )) || jmh_args=(-f 1 -wi 3 -w 1s -i 5 -r 1s)

if [[ -z ${SLOTH_ARRAY_LOCKED:-} ]]; then
  # The peers: lazyarray and NumPy must be there; install them (Debian) or say how, never drop them silently.
  if ! "$PY" -c 'import numpy, lazyarray' 2>/dev/null; then
    echo "run-array.sh: NumPy or lazyarray is missing for $PY; installing Debian's python3-numpy python3-lazyarray"
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-numpy python3-lazyarray >/dev/null \
        || { apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q python3-numpy \
             python3-lazyarray >/dev/null; } || true
    else
      "$PY" -m pip install --user numpy lazyarray || true
    fi
    if ! "$PY" -c 'import numpy, lazyarray' 2>/dev/null; then
      echo "run-array.sh: MISSING PEERS for $PY. Install them with 'sudo apt-get install python3-numpy" \
        "python3-lazyarray' (Debian) or '$PY -m pip install numpy lazyarray', or set PYTHON to a python3 that" \
        "has both." >&2
      exit 1
    fi
  fi
  ./mvnw -B -q -pl sloth-bench -am package -DskipTests
  echo "(waiting for /tmp/jmh.lock if another benchmark holds it)"
  exec env SLOTH_ARRAY_LOCKED=1 flock /tmp/jmh.lock "$0" "$@"
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

jmh() { # JMH also takes its own lock (an fcntl lock on the same file): wait if a run outside flock holds it
  local log=$1; shift
  for attempt in $(seq 1 60); do
    if java -jar sloth-bench/target/benchmarks.jar "$@" >"$log" 2>&1; then
      return 0
    fi
    if grep -q 'Unable to acquire the JMH lock' "$log"; then
      echo "(another JMH run holds its lock; waiting, attempt $attempt)"
      sleep 20
    else
      cat "$log"
      exit 1
    fi
  done
  echo "gave up waiting for the JMH lock" >&2
  exit 1
}

echo "== Sloth LArray (JMH, us/op; Math.fma an intrinsic: UseFMA as the JVM sets it) =="
jmh "$out/fma.txt" 'dev.sloth.bench.array.LazyArrayBenchmark' "${jmh_args[@]}"
grep -E '^(Benchmark|LazyArrayBenchmark)' "$out/fma.txt"

echo
echo "== Sloth LArray with -XX:-UseFMA (Math.fma a software routine: the kernel must divide plainly) =="
jmh "$out/nofma.txt" 'dev.sloth.bench.array.LazyArrayBenchmark.(whole|wholeParallel2|plainLoop)$' \
  "${jmh_args[@]}" -jvmArgsAppend -XX:-UseFMA
grep -E '^(Benchmark|LazyArrayBenchmark)' "$out/nofma.txt"

echo
echo "== Sloth LArray and the hand loop called in turn in one JVM (AlternatedCalls: every case once per round, 40 rounds; wall ms per call) =="
java -Xms2g -Xmx2g -XX:+UseParallelGC -cp sloth-bench/target/benchmarks.jar dev.sloth.bench.array.AlternatedCalls 40 \
  | tee "$out/alternated.txt"

echo
echo "== Python peers (us per call): $PY, $("$PY" -c 'import numpy, lazyarray; print("NumPy", numpy.__version__, "lazyarray", lazyarray.__version__)') =="
"$PY" sloth-bench/python/array_peers.py 5 | tee "$out/peers.txt"
if [[ -n $PY2 && $PY2 != "$PY" ]] && "$PY2" -c 'import numpy, sys; sys.exit(int(numpy.__version__.split(".")[0]) < 2)' 2>/dev/null; then
  echo
  echo "== NumPy 2 peer (us per call): $PY2, NumPy $("$PY2" -c 'import numpy; print(numpy.__version__)') =="
  "$PY2" sloth-bench/python/array_peers.py 5 --numpy-only --label numpy2 | tee -a "$out/peers.txt"
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

score() { awk -v b="LazyArrayBenchmark.$2" '$1 == b { print $4 }' "$1"; }
peer() { awk -v p="$1" -v c="$2" '$1 == p && $2 == c { print $3 }' "$out/peers.txt"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else print "n/a" }'; }
whole=$(score "$out/fma.txt" whole); par=$(score "$out/fma.txt" wholeParallel2); loop=$(score "$out/fma.txt" plainLoop)
ploop=$(score "$out/fma.txt" plainLoopParallel2)
stream=$(score "$out/fma.txt" stream); pstream=$(score "$out/fma.txt" streamParallel2)
nwhole=$(score "$out/nofma.txt" whole); nloop=$(score "$out/nofma.txt" plainLoop)
np=$(peer numpy whole); np2=$(peer numpy2 whole); la=$(peer lazyarray whole)
echo
echo "== Ratios (whole array, 1e7 doubles, 16 operations; targets in brackets) =="
echo "NumPy $np us / Sloth 1 thread $whole us = $(ratio "$np" "$whole")x  [>= 5]"
[[ -n $np2 ]] && echo "NumPy 2 $np2 us / Sloth 1 thread $whole us = $(ratio "$np2" "$whole")x  [>= 5]"
echo "lazyarray $la us / Sloth 1 thread $whole us = $(ratio "$la" "$whole")x"
echo "hand loop $loop us / Sloth 1 thread $whole us = $(ratio "$loop" "$whole")x  [>= 1]"
echo "Sloth 1 thread $whole us / 2 threads $par us = $(ratio "$whole" "$par")x  [>= 1.8]"
echo "  what the machine gives a hand loop: 1 thread $loop us / 2 threads $ploop us = $(ratio "$loop" "$ploop")x;" \
  "hand loop 2 threads / Sloth 2 threads = $(ratio "$ploop" "$par")x"
echo "  the memory stream alone (allocate, read, write 1e7 doubles): 1 thread $stream us / 2 threads $pstream us =" \
  "$(ratio "$stream" "$pstream")x"
echo "  Sloth's 2-thread speed-up as a fraction of the hand loop's: $(awk -v a="$whole" -v b="$par" -v c="$loop" \
  -v d="$ploop" 'BEGIN { if (a > 0 && b > 0 && c > 0 && d > 0) printf "%.2f", (a / b) / (c / d); else print "n/a" }')"
echo "alternated calls in one JVM (the same moments for both; see AlternatedCalls): $(grep -h 'median of the per-round' \
  "$out/alternated.txt" | sed 's/^median of the per-round ratios: //')"
echo "-XX:-UseFMA: hand loop $nloop us / Sloth $nwhole us = $(ratio "$nloop" "$nwhole")x; Sloth without / with FMA = $(ratio "$nwhole" "$whole")x"
