#!/usr/bin/env bash
# Paired restarts of the start-up goal (issue 22 §2): the service (A) on a fresh copy of an existing demo database,
# then the bare application (B), PAIRS times in turn A B A B…, after one unpaired warm-up of each. Every run is one
# bench/start-to-health.sh timed as a whole process by /usr/bin/time (wall s, user s, sys s of the process tree).
# Each run also gives the time from the launch to the first /health 200 as start-to-health.sh prints it (health s,
# the goal's figure; the whole-process wall also holds the stop). Prints one line per run and the medians with the
# A/B ratios; the load average is printed before and after.
#   bench/startup-pairs.sh DEMO_DIR PAIRS "A command…" "B command…"
# e.g. bench/startup-pairs.sh /tmp/demo 4 "java -jar target/i4-tracker-0.1.0-SNAPSHOT.jar" \
#        "java -jar bench/bare-app/target/bare-app-0.1.0-SNAPSHOT.jar"
# A runs with I4_DEMO_ENABLED=true (embedded broker and plant simulator, as `./mvnw mn:run`), I4_DATA_DIR set to the
# copy and the embedded broker on port 18122; A answers on 18120, B on 18121.
set -u
demo=$1; pairs=$2; a=$3; b=$4
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

run() { # kind command → "wall user sys health_ms"
  local kind=$1 cmd=$2
  if [ "$kind" = A ]; then
    rm -rf "$work/data"; cp -r "$demo" "$work/data"
    I4_DATA_DIR="$work/data" I4_DEMO_ENABLED=true I4_MQTT_EMBEDDED_PORT=18122 \
      /usr/bin/time -o "$work/time" -f '%e %U %S' "$here/start-to-health.sh" 18120 $cmd > "$work/health"
  else
    /usr/bin/time -o "$work/time" -f '%e %U %S' "$here/start-to-health.sh" 18121 $cmd > "$work/health"
  fi
  echo "$(tail -1 "$work/time") $(grep -o '[0-9]* ms' "$work/health" | cut -d' ' -f1)"
}

echo "loadavg before: $(cat /proc/loadavg)"
run A "$a" >/dev/null; run B "$b" >/dev/null
: > "$work/A"; : > "$work/B"
for i in $(seq 1 "$pairs"); do
  ra=$(run A "$a"); echo "$ra" >> "$work/A"
  rb=$(run B "$b"); echo "$rb" >> "$work/B"
  echo "pair $i  A wall/user/sys/health-ms $ra   B wall/user/sys/health-ms $rb   load $(cut -d' ' -f1 /proc/loadavg)"
done
echo "loadavg after: $(cat /proc/loadavg)"
python3 - "$work/A" "$work/B" <<'PY'
import sys, statistics as st
def rows(p): return [list(map(float, l.split())) for l in open(p) if l.strip()]
A, B = rows(sys.argv[1]), rows(sys.argv[2])
def med(rs, f): return st.median(f(r) for r in rs)
for name, f in (("health s", lambda r: r[3] / 1000), ("wall s", lambda r: r[0]), ("cpu s", lambda r: r[1] + r[2])):
    ratios = [f(x) / f(y) for x, y in zip(A, B)]
    print(f"{name:7s} A median {med(A, f):7.2f}   B median {med(B, f):7.2f}   "
          f"A/B per pair {' '.join(f'{r:.2f}' for r in ratios)}   median A/B {st.median(ratios):.2f}")
PY
