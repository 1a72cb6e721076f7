-- The children's indicator contributions of each run, summed: an incremental run starts from them, takes away the old
-- contributions of the children it derives again and adds their new ones (instead of adding back every other child's).
ALTER TABLE audit.etl_run ADD COLUMN tally VARCHAR;
