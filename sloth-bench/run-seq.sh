#!/usr/bin/env bash
# Runs the Lazy and Seq JMH benchmarks and the Python generator peer (the squares pipeline) in one go and prints
# both. Usage: sloth-bench/run-seq.sh [extra JMH args]   (default: -f 1 -wi 3 -w 1s -i 5 -r 1s)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME; JAVA_HOME=$(./sloth java-home)
export PATH="$JAVA_HOME/bin:$PATH"

./mvnw -B -q -pl sloth-bench -am package -DskipTests
JMH_ARGS=("$@")
[[ ${#JMH_ARGS[@]} -eq 0 ]] && JMH_ARGS=(-f 1 -wi 3 -w 1s -i 5 -r 1s)

echo "== JMH: dev.sloth.bench.lazy and dev.sloth.bench.seq (java $(java -version 2>&1 | head -1))"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
# JMH refuses to start while another JMH run on this machine holds /tmp/jmh.lock: wait for it, then run.
for attempt in $(seq 1 90); do
  if java -jar sloth-bench/target/benchmarks.jar 'dev\.sloth\.bench\.(lazy|seq)\.' \
      -jvmArgs "-Xms2g -Xmx2g -XX:+UseParallelGC" "${JMH_ARGS[@]}" 2>&1 | tee "$out"; then
    break
  fi
  if grep -q 'Unable to acquire the JMH lock' "$out"; then
    echo "(another JMH run holds /tmp/jmh.lock; waiting, attempt $attempt)"
    sleep 20
  else
    exit 1
  fi
done

echo
echo "== Python peer: generators (sloth-bench/python/seq_peer.py)"
PY=/usr/bin/python3
if [[ -x "$PY" ]]; then
  "$PY" sloth-bench/python/seq_peer.py
else
  echo "skipped: $PY not found (apt-get install python3); the peer needs only the standard library"
fi
