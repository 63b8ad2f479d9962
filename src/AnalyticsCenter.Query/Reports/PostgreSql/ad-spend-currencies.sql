-- The currencies the workspace's ad_spend names: a report that sums spend refuses more than one (ReportVariant).
SELECT DISTINCT currency::text COLLATE "C" AS currency
FROM ad_spend
WHERE currency IS NOT NULL
ORDER BY currency
