-- The HNSW build's memory (VectorIndexes.build, on a handle of its own). A session setting, not SET
-- LOCAL: the bench runs on one thread, so its pool hands the build this same connection.
SET maintenance_work_mem = '1GB'
