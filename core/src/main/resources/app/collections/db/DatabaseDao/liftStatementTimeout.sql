-- This session only, until resetStatementTimeout: a statement that legitimately runs for minutes
-- (a large tenant's HNSW index build) outlives the pool's statement_timeout (see StatementTimeout).
SET statement_timeout = 0
