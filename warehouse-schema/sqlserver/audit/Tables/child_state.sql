-- What was last written for each child (a hash of all the child's fact, drill-through and dimension rows), so an
-- incremental run rewrites only the children whose rows changed.
CREATE TABLE audit.child_state (
    la_code      NVARCHAR(400)   NOT NULL,
    child_id     NVARCHAR(400)   NOT NULL,
    output_hash  NVARCHAR(400)   NOT NULL,
    run_id       BIGINT          NOT NULL,
    input_hash   NVARCHAR(400)   NULL,
    tally        NVARCHAR(MAX)   NULL,
    CONSTRAINT PK_audit_child_state PRIMARY KEY CLUSTERED (la_code, child_id)
);
GO
