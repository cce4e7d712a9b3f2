-- Usernames are 1 to 200 characters (app_user.username); the assessment columns that name a user held 100, so a write
-- by a user with a longer name failed in the database. Each keeps its nullability.
ALTER TABLE assessment_model ALTER COLUMN published_by SET DATA TYPE VARCHAR(200);
ALTER TABLE assessment ALTER COLUMN created_by SET DATA TYPE VARCHAR(200);
ALTER TABLE assessment ALTER COLUMN validated_by SET DATA TYPE VARCHAR(200);
ALTER TABLE assessment_evidence ALTER COLUMN added_by SET DATA TYPE VARCHAR(200);
ALTER TABLE assessment_audit ALTER COLUMN actor SET DATA TYPE VARCHAR(200);
