-- An identical repeat of an adoption observation (same firm, technology, day, source and reference, a
-- missing reference equal to a missing one) is stored once. AdoptionRecorder used to find repeats by
-- reading the firms' stored observations before inserting; the database now refuses them itself
-- (INSERT ... ON CONFLICT DO NOTHING), which also holds between concurrent writers, where the read
-- could not. Repeats that such a race may have stored already are removed first, keeping the oldest.
DELETE FROM adoption_observation o WHERE EXISTS (
    SELECT 1 FROM adoption_observation d
    WHERE d.firm_id = o.firm_id AND d.technology_code = o.technology_code AND d.observed_on = o.observed_on
      AND d.source = o.source AND d.reference IS NOT DISTINCT FROM o.reference AND d.id < o.id);

ALTER TABLE adoption_observation ADD CONSTRAINT uq_adoption_observation
    UNIQUE NULLS NOT DISTINCT (firm_id, technology_code, observed_on, source, reference);
