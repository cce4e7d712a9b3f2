-- Sessions an administrator can end: every access token carries the user's session version and is
-- refused once the version moves on (disable, password change). Refresh tokens are single use and
-- belong to a family (one login); presenting a spent one revokes the whole family.
ALTER TABLE app_user ADD COLUMN session_version BIGINT DEFAULT 0 NOT NULL;

ALTER TABLE refresh_token ADD COLUMN family VARCHAR(36);
UPDATE refresh_token SET family = CAST(id AS VARCHAR(36));
ALTER TABLE refresh_token ALTER COLUMN family SET NOT NULL;
ALTER TABLE refresh_token ADD COLUMN spent_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_refresh_token_family ON refresh_token (family);
CREATE INDEX ix_refresh_token_username ON refresh_token (username);
