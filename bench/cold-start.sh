#!/usr/bin/env bash
# Cold start of the SQS ingest function, measured as whole processes (docs/benchmarks.md, "Ingest").
#
#   bench/cold-start.sh [RUNS] [PORT]      # defaults: 10 runs per JVM flag set, port 18001
#
# Needs the function jar and the bench classes built first:
#   mvn -B -o -q package dependency:build-classpath -pl bench -am -DskipTests -Dmdep.outputFile=target/bench.classpath
# Starts DynamoDB Local as a server in its own process (bench/dynamodb-local.sh), creates the
# catalogued tables (a separate setup JVM), then runs io.userasset.bench.ColdStartProbe RUNS times
# per flag set on a classpath of function.jar + the probe class only, with the environment Lambda
# would give it (table names, region, dummy credentials, AWS_ENDPOINT_URL_DYNAMODB). One extra run
# first, not counted, warms the file cache. Prints the median (min–max) of each figure.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
port=${2:-18001}
jar=functions/lambda/target/function.jar
probe_dir=bench/target/coldstart-probe
[ -f "$jar" ] && [ -f bench/target/bench.classpath ] || { echo "build first (see the header of $0)" >&2; exit 1; }

rm -rf "$probe_dir" && mkdir -p "$probe_dir/io/userasset/bench"
cp bench/target/classes/io/userasset/bench/ColdStartProbe*.class "$probe_dir/io/userasset/bench/"

bench/dynamodb-local.sh start "$port"
trap 'bench/dynamodb-local.sh stop "$port"' EXIT
java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.userasset.bench.CreateTables "http://127.0.0.1:$port"

export AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local AWS_EC2_METADATA_DISABLED=true
export AWS_ENDPOINT_URL_DYNAMODB="http://127.0.0.1:$port"
export PROFILES_TABLE=ua-profiles ENGINE_TABLE=ua-engine ACTIONS_TABLE=ua-actions BUCKET=ua-data
unset JAVA_TOOL_OPTIONS AWS_ENDPOINT_URL

echo "function.jar: $(stat -c %s "$jar") bytes; 1-min load average at start: $(cut -d' ' -f1 /proc/loadavg)"
median() { sort -n | awk '{v[NR]=$1} END {m=(NR%2)?v[(NR+1)/2]:(v[NR/2]+v[NR/2+1])/2; printf "%.0f (%.0f–%.0f)", m, v[1], v[NR]}'; }
echo
echo "| JVM flags | JVM start → main | main → handler constructed | handler → first batch done | JVM start → first batch done | process wall (outside) | second batch (warm) | 1-min load at process starts (min–max) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
for flags in "-XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC" "(JVM defaults)"; do
  opts=$flags; [ "$flags" = "(JVM defaults)" ] && opts=""
  out=$(mktemp)
  # shellcheck disable=SC2086
  java $opts -cp "$jar:$probe_dir" io.userasset.bench.ColdStartProbe "warm-$RANDOM" >/dev/null
  for i in $(seq 1 "$runs"); do
    load=$(cut -d' ' -f1 /proc/loadavg)
    t0=$(date +%s%N)
    # shellcheck disable=SC2086
    line=$(java $opts -cp "$jar:$probe_dir" io.userasset.bench.ColdStartProbe "r$i-$RANDOM$RANDOM" | grep '^coldstart ')
    t1=$(date +%s%N)
    echo "$line wall=$(( (t1 - t0) / 1000000 )) load=$load" >>"$out"
    case "$line" in *failures=0*) ;; *) echo "probe reported failures: $line" >&2; exit 1 ;; esac
  done
  col() { sed -E "s/.* $1=([0-9.]+).*/\1/" "$out" | median; }
  loads=$(sed -E 's/.* load=([0-9.]+).*/\1/' "$out" | sort -n | awk 'NR==1 {a=$1} {b=$1} END {printf "%.2f–%.2f", a, b}')
  echo "| \`$flags\` | $(col jvmToMain) | $(col mainToHandler) | $(col handlerToFirst) | $(col jvmToFirst) | $(col wall) | $(col second) | $loads |"
  rm -f "$out"
done
echo
echo "ms, median (min–max) of $runs processes per row; 1-min load average at end: $(cut -d' ' -f1 /proc/loadavg)"
# proof that the probes wrote to this server (7 new users per probe run, 2 + 2 × RUNS runs)
java -cp "bench/target/classes:$(cat bench/target/bench.classpath)" io.userasset.bench.CreateTables "http://127.0.0.1:$port" --count
