#!/usr/bin/env bash
# Lazy modules: start-up to first response (N components of a few ms each, a request touching K), Sloth against
# plain eager Java and against the Python peer (PEP 562 module __getattr__); then JMH: the read of a resolved
# binding against a final field. Usage: sloth-bench/run-module.sh [RUNS] [N] [K] [WORK]   (PYWORK=4000: Python's
# rounds per component, fewer than Java's because each costs ~8x more there; both are a few ms per component)
# JMH_JVM_OPTS=-Djmh.ignoreLock=true runs JMH even when another JMH run holds /tmp/jmh.lock (shared machines).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-5}; N=${2:-1000}; K=${3:-10}; WORK=${4:-30000}; PYWORK=${PYWORK:-4000}
export JAVA_HOME; JAVA_HOME=$(./sloth java-home); export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -DskipTests -pl sloth-bench -am package
JAR=sloth-bench/target/benchmarks.jar

median() { sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m}'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

echo "== Start-up to first response: N=$N components, K=$K touched, WORK=$WORK SHA-256 rounds each; median of $RUNS fresh JVMs"
declare -A FIRST
for v in eager only-k sloth-eager lazy prewarm; do
  out=$(for i in $(seq "$RUNS"); do java -cp "$JAR" dev.sloth.bench.module.StartupBenchmark "$v" "$N" "$K" "$WORK"; done)
  FIRST[$v]=$(echo "$out" | field first_response_ms | median)
  extra=""
  [[ $v == lazy || $v == prewarm ]] && extra=" load_ms=$(echo "$out" | field load_ms | median)"
  [[ $v == prewarm ]] && extra="$extra all_warm_ms=$(echo "$out" | field all_warm_ms | median)"
  printf "  %-12s first_response_ms=%-8s built=%s%s\n" "$v" "${FIRST[$v]}" "$(echo "$out" | field built | head -1)" "$extra"
done
awk -v e="${FIRST[eager]}" -v l="${FIRST[lazy]}" -v p="${FIRST[prewarm]}" -v s="${FIRST[sloth-eager]}" -v o="${FIRST[only-k]}" -v k="$K" -v n="$N" \
  'BEGIN {printf "  ratios: lazy/eager=%.3f prewarm/eager=%.3f sloth-eager/eager=%.3f only-k/eager=%.3f (K/N=%.3f) lazy-only_k=%.1f ms\n", l/e, p/e, s/e, o/e, k/n, l-o}'

PY=/usr/bin/python3
if [[ -x $PY ]] && $PY -c 'import hashlib, functools' 2>/dev/null; then
  echo "== Python peer ($PY $($PY -c 'import sys; print(sys.version.split()[0])'), WORK=$PYWORK)"
  declare -A PYF
  for v in eager lazy; do
    out=$(for i in $(seq "$RUNS"); do $PY sloth-bench/python/module_startup.py "$v" "$N" "$K" "$PYWORK"; done)
    PYF[$v]=$(echo "$out" | field first_response_ms | median)
    printf "  %-12s first_response_ms=%s\n" "python-$v" "${PYF[$v]}"
  done
  awk -v e="${PYF[eager]}" -v l="${PYF[lazy]}" 'BEGIN {printf "  ratio: python lazy/eager=%.3f\n", l/e}'
else
  echo "== Python peer skipped: $PY not found (apt-get install python3)"
fi

echo "== JMH: read of a resolved binding vs a final field"
java ${JMH_JVM_OPTS:-} -jar "$JAR" 'dev.sloth.bench.module.ReadBenchmark' -f 1 -wi 3 -w 1s -i 5 -r 1s -rf text -rff /tmp/module-read.txt >/dev/null
cat /tmp/module-read.txt
awk '/finalField/ {f=$4} /resolvedBinding/ {b=$4} END {if (f > 0) printf "  ratio: resolvedBinding/finalField=%.2f\n", b/f}' /tmp/module-read.txt
