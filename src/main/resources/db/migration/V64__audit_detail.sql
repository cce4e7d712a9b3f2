-- What an audited write changed, where the request alone does not say it: e.g. the old and new
-- values of a firm's peer-defining attributes (district, NACE code, employees).
ALTER TABLE audit_event ADD COLUMN detail VARCHAR(2000);
