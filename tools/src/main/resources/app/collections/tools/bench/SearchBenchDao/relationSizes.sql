-- The catalog's estimate of rows (reltuples, current after VACUUM (ANALYZE)) and each relation's
-- size with its TOAST: the search tables, the postings' indexes and the HNSW indexes.
SELECT c.relname AS name, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i')
  AND (c.relname IN ('items', 'documents', 'postings', 'term_stats', 'embeddings')
       OR c.relname LIKE 'postings_%' OR c.relname LIKE 'embeddings_hnsw_%')
ORDER BY pg_total_relation_size(c.oid) DESC
