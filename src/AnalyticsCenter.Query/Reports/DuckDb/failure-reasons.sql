-- Failure patterns: failed deployments by status_detail ('(no reason given)' when NULL), with share = failed with that
-- reason / all failed deployments.
SELECT coalesce(status_detail, '(no reason given)') AS status_detail,
       count(*) AS failed,
       round(count(*) / sum(count(*)) OVER (), 4) AS share
FROM deployments
WHERE delivery_status = 'Failed'
  AND {deployment_filters}
GROUP BY ALL
ORDER BY failed DESC, status_detail
