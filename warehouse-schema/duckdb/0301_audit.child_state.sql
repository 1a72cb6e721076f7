-- What was last written for each child (a hash of all the child's fact, drill-through and dimension rows), so an
-- incremental run rewrites only the children whose rows changed.
CREATE TABLE audit.child_state (
    la_code      VARCHAR NOT NULL,
    child_id     VARCHAR NOT NULL,
    output_hash  VARCHAR NOT NULL,
    run_id       BIGINT NOT NULL
);
