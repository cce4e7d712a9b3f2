-- Per-minute rollups of telemetry (machine x minute): what the OEE KPIs need once raw samples have
-- passed their retention (i4.telemetry.retention.raw). Times in seconds, counts as increases of the
-- cumulative counters, ideal_seconds = sum of ideal cycle time x produced units.
CREATE TABLE telemetry_rollup (
    machine_id      BIGINT NOT NULL REFERENCES machine(id) ON DELETE CASCADE,
    minute_start    TIMESTAMP WITH TIME ZONE NOT NULL,
    good_increase   BIGINT NOT NULL,
    reject_increase BIGINT NOT NULL,
    run_seconds     DOUBLE PRECISION NOT NULL,
    known_seconds   DOUBLE PRECISION NOT NULL,
    ideal_seconds   DOUBLE PRECISION NOT NULL,
    samples         INT NOT NULL,
    CONSTRAINT pk_telemetry_rollup PRIMARY KEY (machine_id, minute_start)
);

-- How far the rollup has read telemetry_sample (by id); re-reading is harmless because every pass
-- recomputes whole minutes from the raw samples.
CREATE TABLE telemetry_rollup_progress (
    id             INT PRIMARY KEY,
    last_sample_id BIGINT NOT NULL
);
INSERT INTO telemetry_rollup_progress (id, last_sample_id) VALUES (1, 0);
