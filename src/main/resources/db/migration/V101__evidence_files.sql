-- The bytes of an uploaded evidence file, one row per evidence row of kind FILE. The evidence row
-- (assessment_evidence) names the assessment and item it backs, who uploaded the file and when; this row holds
-- what was uploaded: the sanitised file name, the content type sniffed from the bytes, size, SHA-256 and the bytes.
-- Both rows are written in one transaction, and deleting the evidence (or its assessment, e.g. a deleted draft)
-- deletes the file. BYTEA is PostgreSQL's binary type and H2's BINARY VARYING (up to 1 000 000 000 bytes);
-- files are bounded far below that by i4.evidence.max-file-size.
CREATE TABLE assessment_evidence_file (
    evidence_id   BIGINT PRIMARY KEY REFERENCES assessment_evidence(id) ON DELETE CASCADE,
    file_name     VARCHAR(200) NOT NULL,
    content_type  VARCHAR(100) NOT NULL,
    size_bytes    BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256        CHAR(64) NOT NULL,
    content       BYTEA NOT NULL,
    CONSTRAINT ck_evidence_file_size CHECK (size_bytes = OCTET_LENGTH(content))
);
