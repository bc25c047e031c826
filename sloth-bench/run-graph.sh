#!/usr/bin/env bash
# Graph engine benchmarks beside Dask, in one run:
#   per-node cost (build + get()) of a 20,000-wide fan-in and a 2,000-long chain, Sloth sequential and parallel (JMH)
#   and Dask delayed with its sync and threaded schedulers (sloth-bench/python/graph_dask.py, on the same graphs);
#   retained heap per evaluated node (RetainedBytes); the slow 100 ms example, sequential vs parallel (SlowExampleDemo).
# Usage, from anywhere:  sloth-bench/run-graph.sh [extra JMH options, e.g. -prof gc]
# Raw outputs are kept in sloth-bench/target/graph-bench/.
# Settings: JMH_OPTS (default "-f 1 -wi 5 -w 1s -i 5 -r 1s"), DASK_RUNS (default 5), PYTHON (default /usr/bin/python3).
# The Dask peer needs Debian's python3-dask (apt-get install -y python3-dask); without it the Dask columns say n/a.
set -euo pipefail
cd "$(dirname "$0")/.."

JAVA_HOME=$(./sloth java-home)
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
JMH_OPTS=${JMH_OPTS:--f 1 -wi 5 -w 1s -i 5 -r 1s}
DASK_RUNS=${DASK_RUNS:-5}
PYTHON=${PYTHON:-/usr/bin/python3}
JAR=sloth-bench/target/benchmarks.jar
out=sloth-bench/target/graph-bench

echo "== machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== java: $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"

echo "== build: ./mvnw -B -q -pl sloth-bench -am package -DskipTests"
rm -rf "$out"; mkdir -p "$out"
if ! ./mvnw -B -q -pl sloth-bench -am package -DskipTests > "$out/build.log" 2>&1; then
  cat "$out/build.log"; echo "run-graph.sh: the build failed (log above)" >&2; exit 1
fi

echo "== JMH: java -jar $JAR dev.sloth.bench.graph.GraphBenchmark $JMH_OPTS $*"
# shellcheck disable=SC2086 # JMH_OPTS is a list of options
# JMH refuses to run beside another JMH run on this machine (its /tmp/jmh.lock): wait for it, up to 10 minutes.
for attempt in $(seq 60); do
  if java -jar "$JAR" 'dev.sloth.bench.graph.GraphBenchmark' $JMH_OPTS -rf csv -rff "$out/jmh.csv" "$@" \
      > "$out/jmh.log" 2>&1; then
    break
  fi
  if grep -q 'Unable to acquire the JMH lock' "$out/jmh.log" && (( attempt < 60 )); then
    (( attempt == 1 )) && echo "(another JMH run holds /tmp/jmh.lock; waiting for it)"
    sleep 10
    continue
  fi
  cat "$out/jmh.log"; echo "run-graph.sh: JMH failed (log above)" >&2; exit 1
done
sed -n '/^Benchmark  /,/^$/p' "$out/jmh.log"

echo "== retained heap: java -XX:+UseSerialGC -cp $JAR dev.sloth.bench.graph.RetainedBytes 200000"
java -XX:+UseSerialGC -cp "$JAR" dev.sloth.bench.graph.RetainedBytes 200000 2>&1 | grep -v 'WARNING' \
  | tee "$out/retained.txt"

echo "== the slow example: java -cp $JAR dev.sloth.bench.graph.SlowExampleDemo"
java -cp "$JAR" dev.sloth.bench.graph.SlowExampleDemo | tee "$out/seed.txt"

echo "== Dask: $PYTHON sloth-bench/python/graph_dask.py $DASK_RUNS"
if command -v "$PYTHON" >/dev/null 2>&1; then
  "$PYTHON" sloth-bench/python/graph_dask.py "$DASK_RUNS" | tee "$out/dask.txt"
else
  echo "run-graph.sh: $PYTHON not found; skipping the Dask peer (apt-get install -y python3-dask)" | tee "$out/dask.txt"
fi

echo
echo "== side by side: microseconds per node (build + get / compute); ratio = Dask / Sloth"
awk -v jmh="$out/jmh.csv" -v dask="$out/dask.txt" -v retained="$out/retained.txt" -v seed="$out/seed.txt" '
  function unq(s) { gsub(/["\r]/, "", s); return s } # JMH writes CRLF
  function cell(v) { return v == "" ? "n/a" : sprintf("%.3f", v) }
  function ratio(a, b) { return (a == "" || b == "") ? "n/a" : sprintf("%.0fx", a / b) }
  BEGIN {
    FS = ","
    while ((getline line < jmh) > 0) {
      n = split(line, f, ",")
      name = unq(f[1]); sub(/.*\./, "", name)
      if (name == "fanIn" || name == "chain" || name == "fanInBuild" || name == "chainBuild") {
        sloth[name, unq(f[n])] = unq(f[5]); err[name, unq(f[n])] = unq(f[6])
      }
    }
    FS = " "
    while ((getline line < dask) > 0) {
      split(line, f, " ")
      if (f[1] == "RESULT") { dk[f[2], f[3]] = f[5]; dkBuild[f[2], f[3]] = f[6] }
      if (f[1] == "SLOW") seedDask[f[2]] = f[3]
    }
    while ((getline line < retained) > 0) {
      split(line, f, " ")
      if (f[1] == "RETAINED") kept[f[2], f[3]] = f[6]
      if (f[1] == "JOL") jol = f[3]
    }
    while ((getline line < seed) > 0) { split(line, f, " "); if (f[1] == "SLOW") seedSloth[f[2]] = f[3] }

    printf "%-7s %12s %12s %11s %12s %14s %14s %13s\n", "graph", "Sloth seq", "Sloth par", "Dask sync", \
      "Dask threads", "sync/Sloth seq", "threads/S.par", "sync/S.par"
    split("fanIn chain", shapes, " ")
    for (i = 1; i <= 2; i++) {
      s = shapes[i]
      printf "%-7s %12s %12s %11s %12s %14s %14s %13s\n", s, cell(sloth[s, "sequential"]), cell(sloth[s, "parallel"]), \
        cell(dk[s, "sync"]), cell(dk[s, "threads"]), ratio(dk[s, "sync"], sloth[s, "sequential"]), \
        ratio(dk[s, "threads"], sloth[s, "parallel"]), ratio(dk[s, "sync"], sloth[s, "parallel"])
    }
    print ""
    print "build only (us per node): Sloth fanIn seq " cell(sloth["fanInBuild", "sequential"]) ", par " \
      cell(sloth["fanInBuild", "parallel"]) "; chain seq " cell(sloth["chainBuild", "sequential"]) ", par " \
      cell(sloth["chainBuild", "parallel"]) "; Dask fanIn " cell(dkBuild["fanIn", "sync"]) ", chain " \
      cell(dkBuild["chain", "sync"])
    print "retained bytes per evaluated node (values excluded): chain " kept["chain", "sequential"] " seq / " \
      kept["chain", "parallel"] " par, fanIn " kept["fanIn", "sequential"] " seq / " kept["fanIn", "parallel"] \
      " par; JOL per chain node " jol
    print "slow example (ms, best of 3): Sloth sequential " seedSloth["sequential"] ", parallel " seedSloth["parallel"] \
      "; Dask sync " (seedDask["sync"] == "" ? "n/a" : seedDask["sync"]) ", threads " \
      (seedDask["threads"] == "" ? "n/a" : seedDask["threads"])

    verdict = ""
    for (i = 1; i <= 2; i++) {
      s = shapes[i]
      if (sloth[s, "sequential"] == "" || sloth[s, "parallel"] == "") { unchecked = unchecked " " s "-Sloth"; continue }
      if (sloth[s, "sequential"] > 1) verdict = verdict " " s "-sequential>1us"
      if (sloth[s, "parallel"] > 5) verdict = verdict " " s "-parallel>5us"
      if (dk[s, "sync"] == "") unchecked = unchecked " " s "-Dask-ratio"
      else if (dk[s, "sync"] / sloth[s, "sequential"] < 50) verdict = verdict " " s "-sync-ratio<50x"
    }
    if (kept["chain", "sequential"] == "") unchecked = unchecked " retained-bytes"
    else if (kept["chain", "sequential"] > 200 || kept["fanIn", "sequential"] > 200) verdict = verdict " retained>200B"
    print "targets (<= 1 us seq, <= 5 us par, >= 50x under Dask sync, <= 200 B): " (verdict == "" ? "none missed" : "missed:" verdict) \
      (unchecked == "" ? "" : "; not checked (no data):" unchecked)
  }'
