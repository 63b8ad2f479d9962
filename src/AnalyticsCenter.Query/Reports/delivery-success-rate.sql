-- Delivery success: the share of deployments that reached the user.
SELECT count(*) AS deployments,
       count(*) FILTER (WHERE delivery_status = 'Delivered') AS delivered,
       count(*) FILTER (WHERE delivery_status = 'Failed') AS failed,
       count(*) FILTER (WHERE delivery_status = 'In Process') AS in_process,
       round(100.0 * count(*) FILTER (WHERE delivery_status = 'Delivered') / nullif(count(*), 0), 1) AS delivery_rate_pct
FROM deployments
