-- Incremental runs: the watermark each run read up to, and how many children it re-derived.
ALTER TABLE audit.etl_run ADD COLUMN watermark TIMESTAMP;
ALTER TABLE audit.etl_run ADD COLUMN children_rederived BIGINT;
