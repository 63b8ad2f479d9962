-- Failure patterns: failed deployments by reason, with their share.
SELECT coalesce(status_detail, '(no reason given)') AS status_detail,
       count(*) AS failed,
       round(100.0 * count(*) / sum(count(*)) OVER (), 1) AS share_pct
FROM deployments
WHERE delivery_status = 'Failed'
GROUP BY ALL
ORDER BY failed DESC, status_detail
LIMIT 8
