-- The firm indexes of assessment and adoption_observation become single-column. Every query that used
-- them names the firm first (a firm has a handful of rows in each), and an index on exactly firm_id is
-- one H2 lends to the table's foreign key to firm (H2 2.3 lends only an index on exactly a key's
-- columns; storage.H2Settings re-adds such keys at start-up), so every insert updates one B-tree fewer
-- on H2. PostgreSQL, which makes no index for a foreign key, keeps one index per table as before.
DROP INDEX ix_assessment_firm;
CREATE INDEX ix_assessment_firm ON assessment (firm_id);

DROP INDEX ix_adoption_observation_firm;
CREATE INDEX ix_adoption_observation_firm ON adoption_observation (firm_id);
