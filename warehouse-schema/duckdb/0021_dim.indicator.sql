-- The indicator dimension, from the data dictionary (warehouse-schema/dictionary/indicators.csv).
CREATE TABLE dim.indicator (
    indicator_code  VARCHAR PRIMARY KEY,
    chart           VARCHAR,
    title           VARCHAR NOT NULL,
    time_window     VARCHAR NOT NULL,
    unit            VARCHAR NOT NULL,
    polarity        VARCHAR NOT NULL,
    definition      VARCHAR NOT NULL
);
