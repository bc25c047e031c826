#!/usr/bin/env bash
# Engine extras (issue 3): (1) the CPU cost of a learned spin wait (Graph.fnSpin) against a fixed 1 ms poll on a
# virtual thread, for a condition that becomes true DELAY_MS after the wait starts: a plain main program measuring
# per-thread CPU clocks (see SpinBenchmark's Javadoc for why not JMH); (2) JMH: get() with no listener, a no-op
# listener and a counting one. No Python peer: these measure Sloth's engine against itself.
# Usage: sloth-bench/run-engine-extras.sh [WAITS] [ROUNDS] [DELAY_MS]
# JMH_JVM_OPTS=-Djmh.ignoreLock=true runs JMH even when another JMH run holds /tmp/jmh.lock (shared machines).
set -euo pipefail
cd "$(dirname "$0")/.."
WAITS=${1:-100}; ROUNDS=${2:-3}; DELAY=${3:-20}
export JAVA_HOME; JAVA_HOME=$(./sloth java-home); export PATH="$JAVA_HOME/bin:$PATH"
./mvnw -B -q -DskipTests -pl sloth-bench -am package
JAR=sloth-bench/target/benchmarks.jar

echo "== Spin wait vs fixed-rate poll: condition true ${DELAY} ms after start; $WAITS waits x $ROUNDS rounds (medians)"
java -cp "$JAR" dev.sloth.bench.graph.SpinBenchmark "$WAITS" "$ROUNDS" "$DELAY"

echo "== JMH: get() of a 10-node chain with no / a no-op / a counting listener"
java ${JMH_JVM_OPTS:-} -jar "$JAR" 'dev.sloth.bench.graph.ListenerBenchmark' -f 2 -wi 3 -w 1s -i 8 -r 1s \
  -rf text -rff /tmp/engine-listener.txt >/dev/null
cat /tmp/engine-listener.txt
awk '$1 ~ /ListenerBenchmark/ {split($1, b, "."); s[b[2] "," $2]=$5}
     END {split("getValid setAndGet", ms, " ");
          for (i = 1; i <= 2; i++) if (s[ms[i] ",none"] > 0)
            printf "  ratio %s: noop/none=%.3f counting/none=%.3f\n", ms[i], s[ms[i] ",noop"] / s[ms[i] ",none"],
              s[ms[i] ",counting"] / s[ms[i] ",none"]}' /tmp/engine-listener.txt
