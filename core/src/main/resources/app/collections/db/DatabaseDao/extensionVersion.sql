-- The installed version of an extension (pgvector for the health check), or no row.
SELECT extversion FROM pg_extension WHERE extname = :name
