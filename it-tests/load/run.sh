#!/usr/bin/env bash
# Load run for issue 12 item "2 workers x 256 threads": the sample app with the agent, a JFR
# recording per process (lock and park events from 1 ms), the test receiver as the collector.
# Prerequisites (from the repository root):
#   mvn -B -pl agent,sample-app,it-tests package -DskipTests dependency:build-classpath \
#     -Dmdep.outputFile=/tmp/it-cp.txt   (it-tests, built last, writes the receiver's class path)
# Usage: it-tests/load/run.sh [count]   (default 3000 vCons); results in $OUT (/tmp/vcon-load).
set -euo pipefail
COUNT=${1:-3000}
OUT=${OUT:-/tmp/vcon-load}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
rm -rf "$OUT" && mkdir -p "$OUT/spool" "$OUT/jfr"
export CONSERVER_SPOOL_DIR="$OUT/spool"
unset REDIS_URL || true

# The receiver module's ReceiverMain (since the receiver moved out of it-tests): every export as
# one JSON line in receiver.jsonl; a fixed loopback port (change GRPC_PORT if it is taken).
GRPC_PORT=${GRPC_PORT:-24317}
java -cp "$ROOT/receiver/target/classes:$(cat /tmp/it-cp.txt)" dev.vcon.receiver.ReceiverMain \
  --grpc-port "$GRPC_PORT" --http-port 0 --ui-port -1 --table off --jsonl "$OUT/receiver.jsonl" \
  > "$OUT/receiver.txt" 2>&1 &
RECEIVER=$!
trap 'kill $RECEIVER 2>/dev/null || true' EXIT
sleep 5
ENDPOINT="http://127.0.0.1:$GRPC_PORT"

cat > "$OUT/load.yml" <<YML
links:
  tag: {class: dev.vcon.sample.link.TagLink}
  redact: {class: dev.vcon.sample.link.RedactLink, options: {keep_last: 4}}
  slow: {class: dev.vcon.sample.link.DelayLink, options: {ms: 2}}
storages:
  log: {class: dev.vcon.sample.storage.LogStorage}
chains:
  load_chain:
    links: [tag, redact, slow]
    ingress_lists: [load_in]
    storages: [log]
YML

java -jar "$ROOT/sample-app/target/sample-app.jar" produce --count "$COUNT" --ingress load_in \
  > "$OUT/produce.txt"

export OTEL_EXPORTER_OTLP_ENDPOINT="$ENDPOINT" OTEL_EXPORTER_OTLP_PROTOCOL=grpc
export OTEL_METRIC_EXPORT_INTERVAL=1000
START=$(date +%s.%N)
java "-XX:StartFlightRecording=filename=$OUT/jfr,settings=profile,jdk.JavaMonitorEnter#threshold=1ms,jdk.ThreadPark#threshold=1ms" \
  "-javaagent:$ROOT/agent/target/vcon-otel-agent.jar=$ROOT/sample-app/vcon-agent.properties" \
  -jar "$ROOT/sample-app/target/sample-app.jar" run --workers 2 --concurrency 256 \
  --config "$OUT/load.yml" > "$OUT/server.txt" 2> "$OUT/server.err" &
SERVER=$!
until [ "$(grep -c '^vcon-stored ' "$OUT/server.txt" || true)" -ge "$COUNT" ]; do sleep 0.5; done
END=$(date +%s.%N)
sleep 3 # one more metric interval, then a graceful stop
kill -TERM $SERVER; wait $SERVER || true
echo "stored $COUNT vCons in $(echo "$END - $START" | bc) s (start of the JVM to the last store)"
grep '^vcon-worker-summary' "$OUT/server.txt"
echo "--- agent self-telemetry (last values received)"
grep -oE '"(otel.sdk.processor.span.processed|otel.sdk.exporter.span.exported|vcon.agent.advice.errors|otel.sdk.processor.span.queue.capacity|queue_full)"' \
  "$OUT/receiver.jsonl" | sort | uniq -c
echo "--- lock and park events (>= 1 ms) per recording"
java "$ROOT/it-tests/load/LockReport.java" "$OUT"/jfr/*.jfr
