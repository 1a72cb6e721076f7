-- Every staged contact received by the as-at moment is a fact row and every fact row a staged contact (source rows =
-- fact rows; quarantined rows never reach staging; contacts after as-at are not yet known). Returns offending ids.
SELECT coalesce(s.extract_la_code, f.la_code) AS la_code, coalesce(s.contact_id, f.contact_id) AS contact_id
FROM (SELECT c.* FROM stg.contacts AS c
      WHERE c.received_at <= (SELECT max(k.as_at) FROM fact.kpi_month AS k WHERE k.la_code = c.extract_la_code)) AS s
FULL OUTER JOIN fact.contact AS f ON f.la_code = s.extract_la_code AND f.contact_id = s.contact_id
WHERE s.contact_id IS NULL OR f.contact_id IS NULL
