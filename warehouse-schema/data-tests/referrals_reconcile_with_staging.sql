-- Every staged referral dated by the as-at date is a non-derived fact row and vice versa. Returns offending ids.
SELECT coalesce(s.extract_la_code, f.la_code) AS la_code, coalesce(s.referral_id, f.referral_id) AS referral_id
FROM (SELECT r.* FROM stg.referrals AS r
      WHERE r.referral_date <= (SELECT CAST(max(k.as_at) AS DATE) FROM fact.kpi_month AS k WHERE k.la_code = r.extract_la_code)) AS s
FULL OUTER JOIN (SELECT * FROM fact.referral WHERE is_derived = 0) AS f ON f.la_code = s.extract_la_code AND f.referral_id = s.referral_id
WHERE s.referral_id IS NULL OR f.referral_id IS NULL
