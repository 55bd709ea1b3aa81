#!/usr/bin/env bash
# The one-command demo: a local OTLP receiver with a live table and page, and the sample conserver
# (2 worker processes x 64 threads, embedded spool queue, no Redis) under the vcon-otel-agent,
# fed with waves of vCons with and without an upstream trace context.
#
#   ./demo.sh                    run until Ctrl-C
#   ./demo.sh --duration 60      stop by itself after 60 seconds
#
# Everything listens on 127.0.0.1 only; Ctrl-C (or the end of --duration) stops everything this
# script started: the workers drain and flush, then the receiver prints its summary, whose last line
# is machine readable:
#   summary: instances=2 processed=N failed=N traces=N roots_with_links=N orphans=N inflight_peak_sum=N
set -euo pipefail
# One compound command: bash reads it whole before running it, so editing or replacing this file
# (a git pull) while a demo runs cannot change what the running demo does.
{
cd "$(dirname "$0")"
ROOT=$(pwd)

usage() {
  cat <<'USAGE'
usage: ./demo.sh [--duration SECONDS] [--grpc-port N] [--http-port N] [--ui-port N] [--work-dir DIR] [--rebuild]
  --duration SECONDS  stop after this many seconds (default: run until Ctrl-C)
  --grpc-port N       receiver OTLP/gRPC port (default 4317; 0 = any free port)
  --http-port N       receiver OTLP/HTTP port (default 4318; 0 = any free port)
  --ui-port N         the live page's port (default 4380; 0 = any free port)
  --work-dir DIR      spool, logs and OTLP/JSON lines (default target/demo; an earlier demo's files there are replaced)
  --rebuild           rebuild the jars even if they exist
USAGE
}

DURATION=0
GRPC_PORT=4317
HTTP_PORT=4318
UI_PORT=4380
REBUILD=0
WORK=target/demo
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) DURATION=${2:?--duration needs seconds}; shift 2 ;;
    --grpc-port) GRPC_PORT=${2:?}; shift 2 ;;
    --http-port) HTTP_PORT=${2:?}; shift 2 ;;
    --ui-port) UI_PORT=${2:?}; shift 2 ;;
    --work-dir) WORK=${2:?}; shift 2 ;;
    --rebuild) REBUILD=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "demo.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
  esac
done
case "$DURATION" in (*[!0-9]*|'') echo "demo.sh: --duration takes whole seconds, not '$DURATION'" >&2; exit 2 ;; esac

AGENT_JAR=agent/target/vcon-otel-agent.jar
SAMPLE_JAR=sample-app/target/sample-app.jar
RECEIVER_JAR=receiver/target/vcon-otlp-receiver.jar
AGENT_CONFIG=sample-app/vcon-agent.properties
DEMO_CONFIG=sample-app/conserver-demo.yml

command -v java >/dev/null || { echo "demo.sh: java is not on the PATH; install a JDK 17 or newer" >&2; exit 2; }
JAVA_MAJOR=$(java -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p')
if [ -n "$JAVA_MAJOR" ] && [ "$JAVA_MAJOR" -lt 17 ]; then
  echo "demo.sh: java on the PATH is version $JAVA_MAJOR; the demo needs 17 or newer (set PATH or JAVA_HOME)" >&2
  exit 2
fi

if [ "$REBUILD" = 1 ] || [ ! -f "$AGENT_JAR" ] || [ ! -f "$SAMPLE_JAR" ] || [ ! -f "$RECEIVER_JAR" ]; then
  command -v mvn >/dev/null || { echo "demo.sh: the jars are not built and mvn is not on the PATH; install Maven 3.8+" >&2; exit 2; }
  echo "demo.sh: building the agent, the sample app and the receiver (mvn package, tests skipped;"
  echo "         the first build downloads dependencies from Maven Central and takes a few minutes)..."
  mkdir -p target
  if ! mvn -B -Dstyle.color=never -DskipTests -Dspotless.check.skip=true -pl agent,sample-app,receiver -am \
      package >target/demo-build.log 2>&1; then
    tail -40 target/demo-build.log >&2
    echo "demo.sh: the build failed; the whole log is target/demo-build.log" >&2
    exit 1
  fi
fi

mkdir -p "$WORK"
WORK=$(cd "$WORK" && pwd)
# Only what an earlier demo left there: a --work-dir may hold other files.
rm -rf "$WORK/spool" "$WORK/conserver-storage" "$WORK/otlp.jsonl" "$WORK/receiver.ports" \
  "$WORK/sample-app.log" "$WORK/produce.log"
SPOOL=$WORK/spool
PORTS=$WORK/receiver.ports
RECEIVER_PID=
APP_PID=

# The receiver and the sample app run as jobs of their own process group (set -m while starting
# them): Ctrl-C in the terminal reaches this script only, which stops them in order (workers first,
# so their last export arrives, then the receiver), each with all its children.

stop_group() { # pid signal
  [ -n "$1" ] && kill "-$2" -- "-$1" 2>/dev/null || true
}

wait_gone() { # pid seconds
  local i=0
  while kill -0 "$1" 2>/dev/null && [ "$i" -lt $(( $2 * 10 )) ]; do sleep 0.1; i=$((i + 1)); done
  ! kill -0 "$1" 2>/dev/null
}

STOPPING=0
cleanup() {
  [ "$STOPPING" = 1 ] && return
  STOPPING=1
  trap 'echo "demo.sh: stopping everything now"; stop_group "$APP_PID" KILL; stop_group "$RECEIVER_PID" KILL; exit 130' INT TERM
  if [ -n "$APP_PID" ]; then
    echo "demo.sh: stopping the workers (they finish the vCons in flight and flush their telemetry)..."
    stop_group "$APP_PID" TERM
    wait_gone "$APP_PID" 40 || { echo "demo.sh: workers still running after 40 s; killing them"; stop_group "$APP_PID" KILL; }
  fi
  if [ -n "$RECEIVER_PID" ]; then
    echo "demo.sh: logs and the sample app's output are in $WORK"
    stop_group "$RECEIVER_PID" TERM
    wait_gone "$RECEIVER_PID" 20 || stop_group "$RECEIVER_PID" KILL
  fi
}
trap 'cleanup; exit 0' INT TERM
trap cleanup EXIT

# 1. The receiver: its table is this script's output from here on.
TABLE=append
[ -t 1 ] && TABLE=redraw
set -m
java -jar "$RECEIVER_JAR" --grpc-port "$GRPC_PORT" --http-port "$HTTP_PORT" --ui-port "$UI_PORT" \
  --refresh 2 --table "$TABLE" --ports-file "$PORTS" --jsonl "$WORK/otlp.jsonl" &
RECEIVER_PID=$!
set +m
for _ in $(seq 1 300); do
  [ -f "$PORTS" ] && break
  kill -0 "$RECEIVER_PID" 2>/dev/null || { RECEIVER_PID=; echo "demo.sh: the receiver did not start (see above)" >&2; exit 1; }
  sleep 0.1
done
[ -f "$PORTS" ] || { echo "demo.sh: the receiver did not start within 30 s" >&2; exit 1; }
GRPC_PORT=$(sed -n 's/^grpc.port=//p' "$PORTS")
UI_PORT=$(sed -n 's/^ui.port=//p' "$PORTS")
echo "demo.sh: live page: http://127.0.0.1:$UI_PORT/   (Ctrl-C stops the demo)"

produce() { # count, extra options
  java -jar "$SAMPLE_JAR" produce --spool "$SPOOL" --count "$1" ${2:-} --ids-out /dev/null \
    >>"$WORK/produce.log" 2>&1
}

# 2. A first wave before the workers start: half without an upstream context, half with one (as
#    an instrumented producer leaves).
produce 100
produce 100 --with-context

# 3. The sample conserver under the agent: 2 worker JVMs x 64 threads, exporting every 2 s.
set -m
(
  cd "$WORK"
  exec env OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$GRPC_PORT" OTEL_EXPORTER_OTLP_PROTOCOL=grpc \
    OTEL_METRIC_EXPORT_INTERVAL=2000 OTEL_BSP_SCHEDULE_DELAY=1000 OTEL_SERVICE_NAME=vcon-server \
    java -javaagent:"$ROOT/$AGENT_JAR=$ROOT/$AGENT_CONFIG" -jar "$ROOT/$SAMPLE_JAR" run \
      --config "$ROOT/$DEMO_CONFIG" --workers 2 --concurrency 64 --spool "$SPOOL" --drain-timeout 20
) >"$WORK/sample-app.log" 2>&1 &
APP_PID=$!
set +m

# 4. More waves of 20 to 100 vCons every 3 seconds, until Ctrl-C or --duration (the last few
#    seconds of a bounded run produce nothing, so the workers can finish what is queued).
START=$SECONDS
while :; do
  ELAPSED=$((SECONDS - START))
  if [ "$DURATION" -gt 0 ] && [ "$ELAPSED" -ge "$DURATION" ]; then break; fi
  kill -0 "$APP_PID" 2>/dev/null || { echo "demo.sh: the sample app stopped; see $WORK/sample-app.log" >&2; exit 1; }
  if [ "$DURATION" -eq 0 ] || [ "$ELAPSED" -lt $((DURATION - 8)) ]; then
    N=$((10 + RANDOM % 41))
    produce "$N"
    produce "$N" --with-context
  fi
  sleep 3 &
  wait $! || true
done
exit
}
