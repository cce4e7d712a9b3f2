-- A password somebody else chose for the user (an RTI inviting a firm's user): until the user sets its own
-- (PUT /api/v1/users/me/password), its token opens nothing else under /api.
ALTER TABLE app_user ADD COLUMN password_temporary BOOLEAN DEFAULT FALSE NOT NULL;
