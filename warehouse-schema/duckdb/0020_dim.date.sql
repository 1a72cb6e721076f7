-- The date dimension: calendar, financial year and working-day numbering from the bank-holiday list.
CREATE TABLE dim.date (
    date_key            INTEGER PRIMARY KEY,
    date                DATE NOT NULL,
    year                INTEGER NOT NULL,
    month               INTEGER NOT NULL,
    day                 INTEGER NOT NULL,
    day_of_week         VARCHAR NOT NULL,
    month_end           DATE NOT NULL,
    financial_year      VARCHAR NOT NULL,
    is_bank_holiday     BOOLEAN NOT NULL,
    bank_holiday_name   VARCHAR,
    is_working_day      BOOLEAN NOT NULL,
    working_day_number  INTEGER NOT NULL
);
