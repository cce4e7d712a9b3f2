#!/usr/bin/env bash
# Starts a Java service, waits for GET /health to answer 200, prints the milliseconds since the launch, stops it.
# One whole run of the start-up goal (issue 22 §2); time it from outside, paired against the bare application:
#   bench/start-to-health.sh PORT java -cp ... MainClass
# The service is given MICRONAUT_SERVER_PORT=PORT; its output goes to start-to-health-PORT.log in $TMPDIR.
set -u
port=$1; shift
log="${TMPDIR:-/tmp}/start-to-health-$port.log"
start=$(date +%s%N)
MICRONAUT_SERVER_PORT=$port "$@" > "$log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
  if ! kill -0 $pid 2>/dev/null; then echo "exited before /health answered; see $log" >&2; exit 1; fi
  sleep 0.02
done
echo "/health 200 after $(( ($(date +%s%N) - start) / 1000000 )) ms"
kill $pid; wait $pid 2>/dev/null
exit 0
