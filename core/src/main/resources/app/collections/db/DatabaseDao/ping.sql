-- Whether the database answers at all (/health): no table, nothing read.
SELECT 1
