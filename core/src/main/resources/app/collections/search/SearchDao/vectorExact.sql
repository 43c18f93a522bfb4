-- Exact cosine scan of the tenant's passages (embeddings_user_model_idx); an item scores as its
-- nearest passage (EmbeddingDao: body and gist). The :passages nearest passages come first, by a
-- bounded top-N sort, and only they are grouped by item: exact, since a passage can precede an
-- item's nearest one only if its own item ranks ahead, so an item among the :limit nearest has its
-- nearest passage among the first (:limit - 1) x MAX_PARTS + 1, within :passages = :limit x
-- MAX_PARTS. Grouping all of a 1k-item tenant's 2,000 passages by item first cost 0.95 ms a query,
-- this 0.77 ms (pgbench, prepared, warm; docs/benchmarks.md).
-- A filter is a set of the tenant's items, hashed once; OR evaluates left to right, so an
-- unfiltered search never builds it.
SELECT n.item_id, 1 - min(n.distance) AS score, 1 - min(n.distance) AS relevance
FROM (
    SELECT e.item_id, e.embedding <=> :vector AS distance
    FROM embeddings e
    WHERE e.user_id = :tenant AND e.model = :model
      AND (NOT :f.narrows OR e.item_id IN (
          SELECT i.id FROM items i
          WHERE i.user_id = :tenant
            AND <itemFilter>))
    ORDER BY distance, e.item_id
    LIMIT :passages
) n
GROUP BY n.item_id
ORDER BY min(n.distance), n.item_id
LIMIT :limit
