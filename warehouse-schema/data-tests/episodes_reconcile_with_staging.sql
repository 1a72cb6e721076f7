-- Every staged CLA episode started by the as-at date is a fact row and vice versa. Returns offending ids.
SELECT coalesce(s.extract_la_code, f.la_code) AS la_code, coalesce(s.episode_id, f.episode_id) AS episode_id
FROM (SELECT e.* FROM stg.cla_episodes AS e
      WHERE e.start_date <= (SELECT CAST(max(k.as_at) AS DATE) FROM fact.kpi_month AS k WHERE k.la_code = e.extract_la_code)) AS s
FULL OUTER JOIN fact.cla_episode AS f ON f.la_code = s.extract_la_code AND f.episode_id = s.episode_id
WHERE s.episode_id IS NULL OR f.episode_id IS NULL
