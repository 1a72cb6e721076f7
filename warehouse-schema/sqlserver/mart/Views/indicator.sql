-- The indicator dictionary for analysts and reports: every indicator's chart number, title, window, unit, polarity and
-- definition text (the report pack prints the definition under each chart).
CREATE OR ALTER VIEW mart.indicator AS
SELECT i.indicator_code, i.chart, i.title, i.time_window, i.unit, i.polarity, i.definition
FROM dim.indicator AS i;
