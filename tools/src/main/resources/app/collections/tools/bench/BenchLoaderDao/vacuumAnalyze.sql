-- Sets the visibility map, so the covering term index is read without heap fetches from the first
-- query on (the pipeline's tables get this from autovacuum in time). Outside a transaction: VACUUM
-- refuses to run inside one.
VACUUM (ANALYZE)
