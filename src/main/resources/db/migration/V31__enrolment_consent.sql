-- A firm's consent that the agency running a programme may see its firm-level data (DESIGN.md §1).
CREATE TABLE enrolment_consent (
    enrolment_id  BIGINT PRIMARY KEY REFERENCES enrolment(id) ON DELETE CASCADE,
    firm_id       BIGINT NOT NULL REFERENCES firm(id) ON DELETE CASCADE,
    granted_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    granted_by    VARCHAR(200)
);
