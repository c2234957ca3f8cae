#!/usr/bin/env bash
# Runs the injection hot-path benchmarks exactly as reported in benchmarks/README.md ("Injection hot path") and
# writes JMH JSON to benchmarks/results/. The machine's load average is printed before and after each run, since
# other work may share the machine; the whole output is also kept in benchmarks/target/hot-path-run.log.
#
#   benchmarks/run-hot-path.sh            build, then run both benchmarks (about 20 minutes on 2 cores)
#   SKIP_BUILD=1 benchmarks/run-hot-path.sh   run with the jar already in benchmarks/target
#   SMOKE=1 benchmarks/run-hot-path.sh    one short iteration of everything, JSON to benchmarks/target/ only
#   ONLY=SdkCallBenchmark|AllocationCheck|FaultDecisionBenchmark benchmarks/run-hot-path.sh   just that one
#
# Writes sdk-call.json and fault-decision.json (JMH) and sdk-call-allocation.json (SdkCallBenchmark$AllocationCheck:
# bytes per call of each client variant, all in one JVM). The committed results are renamed -runN per run.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -o -q install -Dmaven.test.skip=true -pl fis-api,fis-engine,fis-actions-aws,fis-stop-cloudwatch
  mvn -B -o -q package -Dmaven.test.skip=true -pl benchmarks
fi

JAR=benchmarks/target/benchmarks.jar
if [[ "${SMOKE:-0}" == 1 ]]; then
  OUT=benchmarks/target
  SDK_OPTS=(-f 1 -wi 1 -w 1s -i 1 -r 1s)
  DECISION_OPTS=(-f 1 -wi 1 -w 1s -i 1 -r 1s)
else
  OUT=benchmarks/results
  SDK_OPTS=(-f 2 -wi 3 -w 10s -i 5 -r 5s)
  DECISION_OPTS=(-f 2 -wi 5 -w 2s -i 5 -r 2s)
fi
mkdir -p "$OUT"

run() {
  local name=$1
  shift
  echo "== $name: java $(java -version 2>&1 | head -1), $(nproc) cores"
  echo "== $name: load before: $(uptime)"
  java -jar "$JAR" "$@"
  echo "== $name: load after: $(uptime)"
}

ONLY=${ONLY:-all}
{
  if [[ "$ONLY" == all || "$ONLY" == SdkCallBenchmark ]]; then
    run SdkCallBenchmark '\.SdkCallBenchmark\.' "${SDK_OPTS[@]}" -prof gc -rf json -rff "$OUT/sdk-call.json"
  fi
  if [[ "$ONLY" == all || "$ONLY" == AllocationCheck ]]; then
    echo "== AllocationCheck: load before: $(uptime)"
    java -Xms1g -Xmx1g -cp "$JAR" 'dev.fisengine.benchmarks.SdkCallBenchmark$AllocationCheck' \
        "$OUT/sdk-call-allocation.json"
    echo "== AllocationCheck: load after: $(uptime)"
  fi
  if [[ "$ONLY" == all || "$ONLY" == FaultDecisionBenchmark ]]; then
    run FaultDecisionBenchmark '\.FaultDecisionBenchmark\.' "${DECISION_OPTS[@]}" -prof gc -rf json \
        -rff "$OUT/fault-decision.json"
  fi
} 2>&1 | tee benchmarks/target/hot-path-run.log
