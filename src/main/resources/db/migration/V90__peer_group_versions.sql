-- Peer statistics (benchmark feature). A small peer group's figures are published from a frozen version of
-- its membership that moves on only when at least k firms have changed (see PeerGroupVersion and
-- docs/security.md "Fresh peer statistics"). The versions are shared by every instance, so that no reader can
-- see, through two instances or across a restart, two versions of a small group that differ by one firm.
-- members: one "firmId:assessmentId:score,score,..." per firm, ';'-separated (empty score = none);
-- NULL for a group that is large (all figures, always fresh). published: FALSE while a group that shrank
-- below the large size waits for k + 1 changes before it is shown again. SQL shared by H2 and PostgreSQL.
CREATE TABLE peer_group_version (
    model_id      VARCHAR(64)     NOT NULL,
    model_version VARCHAR(64)     NOT NULL,
    group_key     VARCHAR(200)    NOT NULL,
    seq           BIGINT          NOT NULL,
    published     BOOLEAN         NOT NULL,
    member_count  INT             NOT NULL,
    members       VARCHAR(1000000),
    written_at    TIMESTAMP       NOT NULL,
    CONSTRAINT pk_peer_group_version PRIMARY KEY (model_id, model_version, group_key)
);
CREATE INDEX ix_peer_group_version_written ON peer_group_version (model_id, model_version, written_at);

-- New validations are read incrementally by the time they were validated.
CREATE INDEX ix_assessment_validated_at ON assessment (validated_at);
