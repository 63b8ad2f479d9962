-- The filters every deployments report and the table browser take, each NULL when not given; written in (SharedFilters)
-- where a line says {deployment_filters} (or {deployment_filters:ALIAS}), with the deployments table's alias in place of {t}.
-- With its values bound, the planner drops each "NULL OR" and an index on the column can serve the rest.
(@from::timestamp IS NULL OR {t}deployment_timestamp >= @from::timestamp)
AND (@to::timestamp IS NULL OR {t}deployment_timestamp < @to::timestamp)
AND (@conversation_id::text IS NULL OR {t}conversation_id = @conversation_id::text)
AND (@conversation_version::integer IS NULL OR {t}conversation_version = @conversation_version::integer)
AND (@country::text IS NULL OR {t}user_country_code = @country::text)
AND (@line::text IS NULL OR {t}line_whatsapp_number = @line::text)
