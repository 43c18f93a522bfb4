-- Not tenant data: see migrations/V7__persisted_queries.sql.
SELECT query FROM persisted_queries WHERE sha256 = :sha256
