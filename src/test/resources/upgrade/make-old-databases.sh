#!/usr/bin/env bash
# Makes the databases UpgradeFromOldReleaseTest upgrades: the service as of commit $COMMIT (the last one
# before answers and scores moved into JSON documents, V60/V61) starts once on an H2 file and once on a
# PostgreSQL schema with its deterministic demo region (5 regions, 4 districts, 300 firms, 12 institutions,
# links, validated assessments with answers, adoptions, programmes, enrolments, users); a pilot plant with
# one machine and 120 telemetry samples, evidence on the answers of the first assessment and consents of every
# fifth enrolment are then added with SQL in that version's schema (its demo has none of them). Output, committed beside this script:
#   old-release-h2.mv.db.gz   the H2 file (H2 2.3.232, as that version's application.yml opens it)
#   old-release-postgres.sql.gz   pg_dump --inserts of the schema $PG_SCHEMA
# Run from the repository root; needs git, the Maven wrapper, java, psql/pg_dump and PostgreSQL on 127.0.0.1:5432.
set -euo pipefail
COMMIT=2f482b31dcc31d9acb920e66051d5540d2d4ef79
PG_SCHEMA=i4_upgrade_old
OUT="$(cd "$(dirname "$0")" && pwd)"
WORK="$(mktemp -d)"
trap 'git worktree remove --force "$WORK/src" >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

git worktree add --detach "$WORK/src" "$COMMIT" >/dev/null
(cd "$WORK/src" && ./mvnw -B -q package -DskipTests)
JAR="$(ls "$WORK"/src/target/i4-tracker-*.jar | grep -v original | head -1)"

# Starts the old service in its own folder (it reads assessment-models/ from there), waits for the demo, stops it.
run_old() {
  (cd "$WORK/src" && exec env "$@" MICRONAUT_SERVER_PORT=18181 I4_DEMO_ENABLED=true java -jar "$JAR" >"$WORK/service.log" 2>&1) &
  local pid=$!
  for _ in $(seq 1 900); do
    grep -q "demo data loaded" "$WORK/service.log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  grep "demo data loaded" "$WORK/service.log" || { tail -40 "$WORK/service.log"; kill "$pid" 2>/dev/null; exit 1; }
  kill "$pid"; wait "$pid" || true
}

TELEMETRY_SQL="INSERT INTO plant (code, name, firm_id) VALUES ('OLDP', 'Old release pilot plant', (SELECT MIN(id) FROM firm));
INSERT INTO machine (plant_id, code, name, ideal_cycle_time_ms, first_telemetry_at)
  VALUES ((SELECT id FROM plant WHERE code = 'OLDP'), 'press-1', 'Press 1', 850, TIMESTAMP WITH TIME ZONE '2026-11-20 08:00:00+00');"
TELEMETRY_SQL+="
INSERT INTO assessment_evidence (answer_id, kind, ref, note, added_by, added_at)
  SELECT id, 'NOTE', NULL, 'seen on site: ' || item_code, 'assessor', TIMESTAMP '2026-11-20 10:00:00'
  FROM assessment_answer WHERE assessment_id = (SELECT MIN(assessment_id) FROM assessment_answer);
INSERT INTO assessment_evidence (answer_id, kind, ref, note, added_by, added_at)
  SELECT id, 'LINK', 'https://example.org/evidence/' || item_code, NULL, 'assessor', TIMESTAMP '2026-11-20 10:05:00'
  FROM assessment_answer WHERE assessment_id = (SELECT MAX(assessment_id) FROM assessment_answer);
INSERT INTO enrolment_consent (enrolment_id, firm_id, granted_at, granted_by)
  SELECT id, firm_id, TIMESTAMP WITH TIME ZONE '2026-11-20 09:00:00+00', 'firm' FROM enrolment WHERE MOD(id, 5) = 0;"
for seq in $(seq 0 119); do
  TELEMETRY_SQL+="
INSERT INTO telemetry_sample (machine_id, ts, seq, dedupe_key, state, good_count, reject_count, ideal_cycle_time_ms, metrics, received_at)
  VALUES ((SELECT id FROM machine WHERE code = 'press-1'), TIMESTAMP WITH TIME ZONE '2026-11-20 08:00:00+00' + INTERVAL '$seq' MINUTE,
  $seq, 's:$seq', 'EXECUTE', $((seq * 60)), $((seq / 10)), 850, '{\"spindleTempC\":$((40 + seq % 5)).5}',
  TIMESTAMP WITH TIME ZONE '2026-11-20 08:00:01+00' + INTERVAL '$seq' MINUTE);"
done

# H2 file
mkdir -p "$WORK/h2"
run_old I4_DATA_DIR="$WORK/h2"
H2_JAR="$HOME/.m2/repository/com/h2database/h2/2.3.232/h2-2.3.232.jar"
printf '%s\n' "$TELEMETRY_SQL" >"$WORK/telemetry.sql"
java -cp "$H2_JAR" org.h2.tools.RunScript -url "jdbc:h2:file:$WORK/h2/i4tracker;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
  -user sa -script "$WORK/telemetry.sql"
# The demo's bulk work leaves much free space in the file; compacting keeps the committed file small.
java -cp "$H2_JAR" org.h2.tools.Shell -url "jdbc:h2:file:$WORK/h2/i4tracker;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH" \
  -user sa -sql "SHUTDOWN COMPACT" || true
gzip -9 -c "$WORK/h2/i4tracker.mv.db" >"$OUT/old-release-h2.mv.db.gz"

# PostgreSQL schema
psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS $PG_SCHEMA CASCADE; CREATE SCHEMA $PG_SCHEMA"
run_old DATASOURCES_DEFAULT_URL="jdbc:postgresql://127.0.0.1:5432/test?currentSchema=$PG_SCHEMA" DATASOURCES_DEFAULT_USERNAME=postgres \
  DATASOURCES_DEFAULT_DRIVER_CLASS_NAME=org.postgresql.Driver DATASOURCES_DEFAULT_DIALECT=POSTGRES
printf 'SET search_path TO %s;\n%s\n' "$PG_SCHEMA" "$TELEMETRY_SQL" | psql -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d test
pg_dump -h 127.0.0.1 -U postgres -d test --schema="$PG_SCHEMA" --no-owner --no-privileges --inserts --rows-per-insert=200 \
  | gzip -9 >"$OUT/old-release-postgres.sql.gz"
psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA $PG_SCHEMA CASCADE"
ls -l "$OUT"
