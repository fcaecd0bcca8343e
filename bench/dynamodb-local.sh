#!/usr/bin/env bash
# DynamoDB Local as an HTTP server in its own JVM, for benchmarks that need DynamoDB in ANOTHER
# process than the code measured (a worker's heap, a handler's cold start).
#
#   bench/dynamodb-local.sh start PORT   # in-memory server (-sharedDb) on 127.0.0.1:PORT, in the background
#   bench/dynamodb-local.sh stop PORT    # stops the server this script started on PORT
#
# Its classpath comes from bench/dynamodb-local/pom.xml (outside the reactor: the reactor pins
# Jetty 11, the server mode needs Jetty 12), resolved once into bench/dynamodb-local/target/.
# JVM options of the server: DDB_LOCAL_JAVA_OPTS (default -Xmx1g).
set -euo pipefail
cd "$(dirname "$0")/.."
dir=bench/dynamodb-local/target
cp_file=$dir/server.classpath
cmd=${1:?usage: $0 start|stop PORT}
port=${2:?usage: $0 start|stop PORT}
pid_file=$dir/server-$port.pid
log_file=$dir/server-$port.log

case "$cmd" in
  start)
    if [ ! -s "$cp_file" ]; then
      mvn -B -q -f bench/dynamodb-local/pom.xml dependency:build-classpath -Dmdep.outputFile=target/server.classpath
    fi
    if [ -s "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
      echo "already running on port $port (pid $(cat "$pid_file"))" >&2
      exit 1
    fi
    # shellcheck disable=SC2086
    nohup java ${DDB_LOCAL_JAVA_OPTS:--Xmx1g} -cp "$(cat "$cp_file")" \
      com.amazonaws.services.dynamodbv2.local.main.ServerRunner -inMemory -sharedDb -port "$port" >"$log_file" 2>&1 &
    echo $! >"$pid_file"
    for _ in $(seq 1 200); do
      if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
        echo "DynamoDB Local listening on 127.0.0.1:$port (pid $(cat "$pid_file"), log $log_file)"
        exit 0
      fi
      if ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        echo "DynamoDB Local exited; see $log_file" >&2
        cat "$log_file" >&2
        exit 1
      fi
      sleep 0.1
    done
    echo "DynamoDB Local did not open port $port within 20 s; see $log_file" >&2
    exit 1
    ;;
  stop)
    if [ -s "$pid_file" ]; then
      pid=$(cat "$pid_file")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      rm -f "$pid_file"
      echo "stopped DynamoDB Local on port $port (pid $pid)"
    else
      echo "no server started by this script on port $port" >&2
    fi
    ;;
  *)
    echo "usage: $0 start|stop PORT" >&2
    exit 2
    ;;
esac
