-- The date dimension: calendar, financial year and working-day numbering from the bank-holiday list.
CREATE TABLE dim.[date] (
    date_key            INT             NOT NULL,
    [date]              DATE            NOT NULL,
    year                INT             NOT NULL,
    month               INT             NOT NULL,
    day                 INT             NOT NULL,
    day_of_week         NVARCHAR(400)   NOT NULL,
    month_end           DATE            NOT NULL,
    financial_year      NVARCHAR(400)   NOT NULL,
    is_bank_holiday     BIT             NOT NULL,
    bank_holiday_name   NVARCHAR(400)   NULL,
    is_working_day      BIT             NOT NULL,
    working_day_number  INT             NOT NULL,
    CONSTRAINT PK_dim_date PRIMARY KEY CLUSTERED (date_key)
);
GO
