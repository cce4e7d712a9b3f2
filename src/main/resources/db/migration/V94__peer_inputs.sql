-- Peer statistics (benchmark feature): the inputs of an instance's latest peer snapshot, so that a starting
-- instance serves reports from them at once instead of waiting for a full read of every validated assessment
-- (see PeerStatistics and docs/performance.md "Benchmark report under load").
-- peer_input: per model version and firm, the firm's latest validated assessment with its scores and the peer
-- attributes it was grouped by; scores: "overall,dimension1,..." in model order, empty = no score.
-- peer_input_marker: the database marker (PeerInputs.Marker) the rows correspond to, the model's dimension codes
-- in the order of the scores, and seq, which every write moves on under the condition that it is unchanged, so
-- that the rows and the marker always come from one writer's snapshot. SQL shared by H2 and PostgreSQL.
CREATE TABLE peer_input_marker (
    model_id          VARCHAR(64)   NOT NULL,
    model_version     VARCHAR(64)   NOT NULL,
    seq               BIGINT        NOT NULL,
    dimensions        VARCHAR(100000) NOT NULL,
    validated         BIGINT        NOT NULL,
    last_validated_at TIMESTAMP,
    firms             BIGINT        NOT NULL,
    firm_versions     BIGINT        NOT NULL,
    district_versions BIGINT        NOT NULL,
    written_at        TIMESTAMP     NOT NULL,
    CONSTRAINT pk_peer_input_marker PRIMARY KEY (model_id, model_version)
);

CREATE TABLE peer_input (
    model_id      VARCHAR(64)   NOT NULL,
    model_version VARCHAR(64)   NOT NULL,
    firm_id       BIGINT        NOT NULL,
    assessment_id BIGINT        NOT NULL,
    wave_number   INT           NOT NULL,
    region_id     BIGINT        NOT NULL,
    district_id   BIGINT        NOT NULL,
    sector        VARCHAR(8)    NOT NULL,
    size_class    VARCHAR(16)   NOT NULL,
    scores        VARCHAR(100000) NOT NULL,
    CONSTRAINT pk_peer_input PRIMARY KEY (model_id, model_version, firm_id)
);
