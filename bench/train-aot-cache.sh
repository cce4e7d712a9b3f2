#!/usr/bin/env bash
# Writes a JDK 25 ahead-of-time cache (JEP 483/514: classes loaded and linked, as one training start saw them) for a
# Micronaut jar: starts it once with -XX:AOTCacheOutput, waits for GET /health 200 and one more second, stops it
# with SIGTERM (the JVM writes the cache as it exits). Issue 22 §2; see docs/performance.md#start-up.
#   bench/train-aot-cache.sh JAVA25 CACHE PORT JAR
# e.g. I4_DATA_DIR=/tmp/demo-copy I4_DEMO_ENABLED=true bench/train-aot-cache.sh \
#        /usr/lib/jvm/temurin-25-jdk-amd64/bin/java /tmp/i4.aot 18120 target/i4-tracker-0.1.0-SNAPSHOT.jar
# The cache is only used by the same JVM with the same jar (path and modification time); a start with another jar
# prints a warning and runs without it.
set -eu
java=$1; cache=$2; port=$3; jar=$4
log="${TMPDIR:-/tmp}/train-aot-cache-$port.log"
rm -f "$cache"
MICRONAUT_SERVER_PORT=$port "$java" -XX:AOTCacheOutput="$cache" -jar "$jar" > "$log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do
  if ! kill -0 $pid 2>/dev/null; then echo "exited before /health answered; see $log" >&2; exit 1; fi
  sleep 0.1
done
sleep 1
kill $pid; wait $pid 2>/dev/null || true
test -s "$cache" || { echo "no cache written; see $log" >&2; exit 1; }
echo "$cache: $(du -h "$cache" | cut -f1) from one start of $jar"
