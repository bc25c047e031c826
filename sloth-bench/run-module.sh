#!/usr/bin/env bash
# Lazy modules: start-up to first response (N components of a few ms each, a request touching K), Sloth against
# plain eager Java and against the Python peer (PEP 562 module __getattr__); then JMH: the read of a resolved
# binding against a final field. Usage: sloth-bench/run-module.sh [RUNS] [N] [K] [WORK] [WAIT_US]
#   WORK: SHA-256 rounds per component for the kinds cpu and warm; WAIT_US: microseconds each component blocks for the
#   kind wait. KINDS="cpu warm wait" (default) picks the kinds of component work (see StartupBenchmark's Javadoc):
#   cpu = cold JIT, warm = SHA-256 compiled before the clock starts, wait = blocking work that needs no JIT.
#   PYWORK=4000: Python's rounds per component, fewer than Java's because each costs ~8x more there (a few ms each).
# The runs of the variants are interleaved (run 1 of every variant, then run 2, ...) so that load from other jobs on a
# shared machine falls on all of them alike.
# JMH_JVM_OPTS=-Djmh.ignoreLock=true runs JMH even when another JMH run holds /tmp/jmh.lock (shared machines).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}; N=${2:-1000}; K=${3:-10}; WORK=${4:-30000}; WAIT_US=${5:-2000}; PYWORK=${PYWORK:-4000}
export JAVA_HOME; JAVA_HOME=$(./sloth java-home); export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -DskipTests -pl sloth-bench -am package
JAR=sloth-bench/target/benchmarks.jar

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}'; }
field() { sed -n "s/.* $1=\([0-9.]*\).*/\1/p"; }

VARIANTS="eager only-k sloth-eager lazy prewarm"
for KIND in ${KINDS:-cpu warm wait}; do
  W=$WORK; [[ $KIND == wait ]] && W=$WAIT_US
  echo "== Start-up to first response: N=$N components, K=$K touched, kind=$KIND work=$W each; median of $RUNS fresh JVMs"
  declare -A OUT=() FIRST=()
  for i in $(seq "$RUNS"); do
    for v in $VARIANTS; do
      OUT[$v]+="$(java ${STARTUP_JVM_OPTS:-} -cp "$JAR" dev.sloth.bench.module.StartupBenchmark "$v" "$N" "$K" "$W" "$KIND")"$'\n'
    done
  done
  for v in $VARIANTS; do
    out=${OUT[$v]}
    FIRST[$v]=$(echo "$out" | grep variant= | field first_response_ms | median)
    extra=""
    [[ $v == lazy || $v == prewarm ]] && extra=" load_ms=$(echo "$out" | grep variant= | field load_ms | median)"
    [[ $v == prewarm ]] && extra="$extra all_warm_ms=$(echo "$out" | grep variant= | field all_warm_ms | median)"
    printf "  %-12s first_response_ms=%-8s (min %s) main_cpu_ms=%-7s built=%s%s\n" "$v" "${FIRST[$v]}" \
      "$(echo "$out" | grep variant= | field first_response_ms | sort -n | head -1)" \
      "$(echo "$out" | grep variant= | field main_cpu_ms | median)" "$(echo "$out" | field built | head -1)" "$extra"
  done
  awk -v e="${FIRST[eager]}" -v l="${FIRST[lazy]}" -v p="${FIRST[prewarm]}" -v s="${FIRST[sloth-eager]}" -v o="${FIRST[only-k]}" -v k="$K" -v n="$N" \
    'BEGIN {printf "  ratios: lazy/eager=%.3f prewarm/eager=%.3f sloth-eager/eager=%.3f only-k/eager=%.3f (K/N=%.3f) lazy-only_k=%.1f ms\n", l/e, p/e, s/e, o/e, k/n, l-o}'
done

PY=/usr/bin/python3
if [[ -x $PY ]] && $PY -c 'import hashlib, functools' 2>/dev/null; then
  for KIND in cpu wait; do
    W=$PYWORK; [[ $KIND == wait ]] && W=$WAIT_US
    echo "== Python peer ($PY $($PY -c 'import sys; print(sys.version.split()[0])'), kind=$KIND work=$W)"
    declare -A PYF=()
    for v in eager lazy; do
      out=$(for i in $(seq "$RUNS"); do $PY sloth-bench/python/module_startup.py "$v" "$N" "$K" "$W" "$KIND"; done)
      PYF[$v]=$(echo "$out" | field first_response_ms | median)
      printf "  %-12s first_response_ms=%s\n" "python-$v" "${PYF[$v]}"
    done
    awk -v e="${PYF[eager]}" -v l="${PYF[lazy]}" 'BEGIN {printf "  ratio: python lazy/eager=%.3f\n", l/e}'
  done
else
  echo "== Python peer skipped: $PY not found (apt-get install python3)"
fi

READ_OUT=$(mktemp /tmp/module-read.XXXXXX.txt)
echo "== JMH: read of a resolved binding vs a final field"
java ${JMH_JVM_OPTS:-} -jar "$JAR" 'dev.sloth.bench.module.ReadBenchmark' -f 1 -wi 3 -w 1s -i 5 -r 1s -rf text -rff "$READ_OUT" >/dev/null
cat "$READ_OUT"
awk '/finalField/ {f=$4} /resolvedBinding/ {b=$4} END {if (f > 0) printf "  ratio: resolvedBinding/finalField=%.2f\n", b/f}' "$READ_OUT"
