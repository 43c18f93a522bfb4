-- What a build that died half-way leaves behind under the index's name: an invalid index. DDL takes
-- no bind parameters; the name is ours (embeddings_hnsw_ and a hash, VectorIndexes.indexName).
-- CONCURRENTLY: no lock against writes, and no transaction block around it.
DROP INDEX CONCURRENTLY IF EXISTS <name>
