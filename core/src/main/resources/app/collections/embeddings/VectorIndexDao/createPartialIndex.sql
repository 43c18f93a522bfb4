-- The tenant's own HNSW index over its vectors of one model (cosine distance, m = 16,
-- ef_construction = 64). Partial: its predicate is the tenant and the model, so a search of a small
-- tenant beside a large one still finds every hit (see VectorIndexes). The dimension is part of the
-- indexed expression, as vectorIndexed.sql spells it, so the planner can match the two.
-- DDL takes no bind parameters: the tenant and model are literals escaped by VectorIndexes.literal,
-- the name is VectorIndexes.indexName's. CONCURRENTLY: writes go on while it builds (minutes for a
-- large tenant, so the caller lifts the statement timeout), and no transaction block around it.
CREATE INDEX CONCURRENTLY <name> ON embeddings
USING hnsw ((embedding::vector(<dimension>)) vector_cosine_ops) WITH (m = 16, ef_construction = 64)
WHERE user_id = <tenantLiteral> AND model = <modelLiteral>
