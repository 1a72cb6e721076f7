-- The indicator dimension, from the data dictionary (warehouse-schema/dictionary/indicators.csv).
CREATE TABLE dim.indicator (
    indicator_code  NVARCHAR(400)   NOT NULL,
    chart           NVARCHAR(400)   NULL,
    title           NVARCHAR(400)   NOT NULL,
    time_window     NVARCHAR(400)   NOT NULL,
    unit            NVARCHAR(400)   NOT NULL,
    polarity        NVARCHAR(400)   NOT NULL,
    definition      NVARCHAR(MAX)   NOT NULL,
    CONSTRAINT PK_dim_indicator PRIMARY KEY CLUSTERED (indicator_code)
);
GO
