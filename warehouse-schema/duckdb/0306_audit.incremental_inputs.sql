-- Incremental runs re-derive only the children whose inputs changed: each child's input hash and its contribution to
-- the indicator sums (so the sums can be rebuilt without re-deriving it), and each run's derivation context.
ALTER TABLE audit.child_state ADD COLUMN input_hash VARCHAR;
ALTER TABLE audit.child_state ADD COLUMN tally VARCHAR;
ALTER TABLE audit.etl_run ADD COLUMN context_hash VARCHAR;
ALTER TABLE audit.etl_run ADD COLUMN children_written BIGINT;
