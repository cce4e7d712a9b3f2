-- A password somebody else chose for the user (an RTI inviting a firm's user): until the user sets its own
-- (PUT /api/v1/users/me/password), its token opens nothing else under /api.
ALTER TABLE app_user ADD COLUMN password_temporary BOOLEAN DEFAULT FALSE NOT NULL;
-- Firm users an RTI assessor invited before this column existed still have the password the assessor chose.
UPDATE app_user SET password_temporary = TRUE
WHERE role = 'FIRM_USER' AND created_by IN (SELECT username FROM app_user WHERE role = 'RTI_ASSESSOR');
