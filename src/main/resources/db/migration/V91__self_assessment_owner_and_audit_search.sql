-- Who started an assessment: a firm's self-assessment (started by the firm's own user) is the only
-- assessment the firm may change; a draft its RTI started is read-only to the firm. Assessments that
-- a user of the same firm created before this column existed are the firm's self-assessments.
ALTER TABLE assessment ADD COLUMN self_assessment BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE assessment SET self_assessment = TRUE
 WHERE created_by IN (SELECT u.username FROM app_user u WHERE u.role = 'FIRM_USER' AND u.firm_id = assessment.firm_id);

-- The audit log is searched by firm (with a time window), besides user and time.
CREATE INDEX ix_audit_firm ON audit_event (firm_id, at);
