#!/usr/bin/env bash
# Load on `fis serve`'s server (FisServer) from wrk, a C load generator, in a separate process: requests per second
# and latency percentiles over HTTP/1.1 keep-alive for the baseline (GET /_fisengine/ping: the same Jetty server and
# handler without the FIS mapping and the engine), GetExperiment, ListActions and CreateExperimentTemplate.
#
#   benchmarks/run-server-load.sh                 build the benchmarks jar, then run (about 2 minutes)
#   SKIP_BUILD=1 benchmarks/run-server-load.sh    use benchmarks/target/benchmarks.jar as it is
#   DURATION=10s CONNECTIONS=16 THREADS=1 SERVER_CPUS=0 LOAD_CPUS=1 benchmarks/run-server-load.sh
#
# wrk comes from Debian's packages (`apt-get install wrk`); the script says so and stops if it is missing.
# SERVER_CPUS / LOAD_CPUS pin the server JVM and wrk to CPU sets with taskset (default: the server on CPU 0, wrk on
# CPU 1 of this 2-core machine, so that the server's figure is one core's). Results: benchmarks/target/server-load.txt
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk > /dev/null || { echo "wrk is not installed: apt-get install wrk" >&2; exit 2; }
if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q -pl benchmarks -am package -DskipTests
fi
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-1}
SERVER_CPUS=${SERVER_CPUS:-0}
LOAD_CPUS=${LOAD_CPUS:-1}
OUT=benchmarks/target/server-load.txt
mkdir -p benchmarks/target
: > "$OUT"

taskset -c "$SERVER_CPUS" java -Xms1g -Xmx1g -cp benchmarks/target/benchmarks.jar \
    dev.fisengine.benchmarks.ServerLoadMain 0 64 > benchmarks/target/server-load-main.out 2>&1 &
SERVER=$!
trap 'kill $SERVER 2> /dev/null || true; wait $SERVER 2> /dev/null || true' EXIT
for _ in $(seq 1 300); do
  grep -q '^port=' benchmarks/target/server-load-main.out && break
  kill -0 $SERVER 2> /dev/null || { cat benchmarks/target/server-load-main.out >&2; exit 1; }
  sleep 0.1
done
read -r PORT_KV EXPERIMENT_KV < <(grep '^port=' benchmarks/target/server-load-main.out)
BASE="http://127.0.0.1:${PORT_KV#port=}"
EXPERIMENT=${EXPERIMENT_KV#experiment=}

load() {  # name, url, extra wrk args...
  local name=$1 url=$2
  shift 2
  # Warm-up (JIT), then the measured run.
  taskset -c "$LOAD_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s "$@" "$url" > /dev/null
  echo "== $name: load before: $(uptime)" | tee -a "$OUT"
  taskset -c "$LOAD_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s benchmarks/wrk/report.lua \
      "$@" "$url" 2>&1 | sed "s/^RESULT /RESULT $name /" | tee -a "$OUT"
}

load ping "$BASE/_fisengine/ping"
load getExperiment "$BASE/experiments/$EXPERIMENT"
load listActions "$BASE/actions?maxResults=10"
# Scripts given to -s replace each other, so the POST script loads the reporting one itself.
cat benchmarks/wrk/post-template.lua benchmarks/wrk/report.lua > benchmarks/target/post-template-report.lua
taskset -c "$LOAD_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -s benchmarks/wrk/post-template.lua \
    "$BASE/experimentTemplates" > /dev/null
echo "== createExperimentTemplate: load before: $(uptime)" | tee -a "$OUT"
taskset -c "$LOAD_CPUS" wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency \
    -s benchmarks/target/post-template-report.lua "$BASE/experimentTemplates" 2>&1 \
    | sed "s/^RESULT /RESULT createExperimentTemplate /" | tee -a "$OUT"
echo "results in $OUT"
