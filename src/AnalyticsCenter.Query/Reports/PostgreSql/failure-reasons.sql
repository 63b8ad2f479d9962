-- Failure patterns: as Reports/DuckDb/failure-reasons.sql, in PostgreSQL.
SELECT coalesce(status_detail, '(no reason given)') COLLATE "C" AS status_detail,
       count(*) AS failed,
       round(count(*) / sum(count(*)) OVER (), 4)::double precision AS share
FROM deployments
WHERE delivery_status = 'Failed'
  AND {deployment_filters}
GROUP BY 1
ORDER BY failed DESC, status_detail
