#!/usr/bin/env bash
# Restart-to-/health timeline of the service on an existing H2 database, with the log lines that mark
# its phases (Flyway, H2 settings, models, start-up listeners, peer statistics) as time since the launch.
# usage: bench/startup-timeline.sh DATA_DIR [PORT]   (DATA_DIR holds i4.mv.db; run from the repository root
# after `./mvnw -B -q compile dependency:build-classpath -Dmdep.outputFile=cp.txt`)
set -u
dir=$1; port=${2:-18099}
start=$(date +%s%N)
DATASOURCES_DEFAULT_URL="jdbc:h2:file:$dir/i4;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;AUTO_COMPACT_FILL_RATE=0" \
DATASOURCES_DEFAULT_USERNAME=sa DATASOURCES_DEFAULT_PASSWORD= I4_DATA_DIR="$dir" MICRONAUT_SERVER_PORT=$port \
  java -Dlogger.levels.org.flywaydb=INFO -Dlogger.levels.io.micronaut.runtime.Micronaut=INFO \
  -cp target/classes:$(cat cp.txt) org.i4tracker.Application > "$dir/start.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.05; done
up=$(( ($(date +%s%N) - start) / 1000000 ))
sleep 3
kill $pid; wait $pid 2>/dev/null
launch=$(date -d @$((start / 1000000000)) +%H:%M:%S).$(printf %03d $(( (start / 1000000) % 1000 )))
echo "launched at $launch; /health answered 200 after $up ms"
python3 - "$dir/start.log" "$start" <<'PY'
import sys, re, datetime
log, start_ns = sys.argv[1], int(sys.argv[2])
start = datetime.datetime.fromtimestamp(start_ns / 1e9)
for line in open(log):
    m = re.match(r'(\d\d):(\d\d):(\d\d)\.(\d\d\d) (\w+)\s+\[([^\]]*)\] (\S+) - (.*)', line)
    if not m:
        continue
    t = start.replace(hour=int(m[1]), minute=int(m[2]), second=int(m[3]), microsecond=int(m[4]) * 1000)
    print(f"{(t - start).total_seconds() * 1000:7.0f} ms  [{m[6]}] {m[7]} - {m[8][:150]}")
PY
