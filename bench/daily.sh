#!/usr/bin/env bash
# Daily worker throughput and peak heap (docs/benchmarks.md, "Daily job").
#
#   bench/daily.sh [PROFILES ...]          # default: 100000 1000000
#
# Needs the function jar and the bench classes built first:
#   mvn -B -o -q package dependency:build-classpath -pl bench -am -DskipTests -Dmdep.outputFile=target/bench.classpath
# For each population size, from scratch: DynamoDB Local as a server in its own process
# (bench/dynamodb-local.sh), S3Proxy + ElasticMQ in another (io.userasset.bench.DailyServices), the
# profiles loaded by a third (io.userasset.bench.DailyLoad: BatchWriteItem, 4 threads); then, once the
# 1-minute load average is below QUIET_LOAD (default 1.0; at most QUIET_WAIT_S seconds, default 2400),
# ONE worker over all profiles as one segment, in a process of its own started with WORKER_OPTS
# (default: -Xmx256m and Lambda's Java 17 defaults, SerialGC and tiered compilation stopped at C1)
# on a classpath of function.jar + the probe class only (io.userasset.bench.DailyWorkerProbe).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@"); [ ${#sizes[@]} -gt 0 ] || sizes=(100000 1000000)
port=${DDB_PORT:-18002}
date=${DAILY_DATE:-2026-11-22}
quiet_load=${QUIET_LOAD:-1.0}
quiet_wait=${QUIET_WAIT_S:-2400}
worker_opts=${WORKER_OPTS:--Xmx256m -XX:+UseSerialGC -XX:+TieredCompilation -XX:TieredStopAtLevel=1}
jar=functions/lambda/target/function.jar
bench_cp="bench/target/classes:$(cat bench/target/bench.classpath)"
work=bench/target/daily
probe_dir=$work/probe
[ -f "$jar" ] || { echo "build first (see the header of $0)" >&2; exit 1; }
rm -rf "$probe_dir" && mkdir -p "$probe_dir/io/userasset/bench"
cp bench/target/classes/io/userasset/bench/DailyWorkerProbe*.class "$probe_dir/io/userasset/bench/"

services_pid=""
cleanup() {
  if [ -n "$services_pid" ]; then kill "$services_pid" 2>/dev/null || true; wait "$services_pid" 2>/dev/null || true; fi
  bench/dynamodb-local.sh stop "$port" >/dev/null 2>&1 || true
}
trap cleanup EXIT

wait_quiet() {
  local waited=0
  while awk -v l="$(cut -d' ' -f1 /proc/loadavg)" -v q="$quiet_load" 'BEGIN {exit !(l >= q)}'; do
    [ "$waited" -ge "$quiet_wait" ] && { echo "still not quiet after ${waited} s (load $(cut -d' ' -f1 /proc/loadavg)); running anyway"; return; }
    sleep 15; waited=$((waited + 15))
  done
  echo "quiet after ${waited} s of waiting"
}

echo "worker JVM options: $worker_opts; date scored: $date"
for n in "${sizes[@]}"; do
  echo "== $n profiles"
  DDB_LOCAL_JAVA_OPTS=${DDB_LOCAL_JAVA_OPTS:--Xmx2g} bench/dynamodb-local.sh start "$port"
  java -Xmx1g -cp "$bench_cp" io.userasset.bench.DailyServices >"$work/services.log" 2>&1 &
  services_pid=$!
  for _ in $(seq 1 300); do grep -q '^services ' "$work/services.log" 2>/dev/null && break; sleep 0.1; done
  line=$(grep '^services ' "$work/services.log") || { cat "$work/services.log" >&2; exit 1; }
  s3_port=$(sed -E 's/.* s3=([0-9]+).*/\1/' <<<"$line")
  sqs_port=$(sed -E 's/.* sqs=([0-9]+).*/\1/' <<<"$line")
  work_queue=$(sed -E 's/.* workQueue=([^ ]+).*/\1/' <<<"$line")
  reduce_queue=$(sed -E 's/.* reduceQueue=([^ ]+).*/\1/' <<<"$line")

  java -Xmx1g -cp "$bench_cp" io.userasset.bench.DailyLoad "http://127.0.0.1:$port" "$date" 0 "$n" 4

  wait_quiet
  echo "worker starts at 1-min load average $(cut -d' ' -f1 /proc/loadavg)"
  # shellcheck disable=SC2086
  env AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_EC2_METADATA_DISABLED=true \
    AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$port" AWS_ENDPOINT_URL_S3="http://127.0.0.1:$s3_port" \
    AWS_ENDPOINT_URL_SQS="http://127.0.0.1:$sqs_port" \
    AWS_REQUEST_CHECKSUM_CALCULATION=when_required AWS_RESPONSE_CHECKSUM_VALIDATION=when_required \
    PROFILES_TABLE=ua-profiles ENGINE_TABLE=ua-engine ACTIONS_TABLE=ua-actions BUCKET=ua-data \
    DAILY_WORK_QUEUE_URL="$work_queue" DAILY_REDUCE_QUEUE_URL="$reduce_queue" \
    java $worker_opts -cp "$jar:$probe_dir" io.userasset.bench.DailyWorkerProbe "$date" | grep -E '^daily |"level":"(WARN|ERROR)"' || true
  echo "worker done at 1-min load average $(cut -d' ' -f1 /proc/loadavg)"

  kill "$services_pid"; wait "$services_pid" 2>/dev/null || true; services_pid=""
  bench/dynamodb-local.sh stop "$port"
done
