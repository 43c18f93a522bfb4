-- The inner query is what the partial HNSW index answers (same expression, same predicate); a
-- filter then applies to its candidates, and iterative scan keeps fetching while it removes rows.
-- The filter is a set of the tenant's items, hashed once; OR evaluates left to right, so an
-- unfiltered search never reads the items table.
-- It returns passages, up to :passages of them (the limit times the parts an item has), so that
-- the outer query, which scores each item as its nearest passage, still has :limit items.
-- The index's predicate is spelled out as literals (escaped by VectorIndexes.literal): a prepared
-- statement's cached generic plan then still matches the partial index, so repeated searches of a
-- tenant skip planning. The bound :tenant stays as well.
SELECT n.item_id, 1 - min(n.distance) AS score, 1 - min(n.distance) AS relevance
FROM (
    SELECT e.item_id, e.embedding::vector(<dimension>) <=> CAST(:vector AS vector(<dimension>)) AS distance
    FROM embeddings e
    WHERE e.user_id = <tenantLiteral> AND e.model = <modelLiteral>
      AND e.user_id = :tenant AND e.model = :model
      AND (NOT :f.narrows OR e.item_id IN (
          SELECT i.id FROM items i
          WHERE i.user_id = :tenant
            AND <itemFilter>))
    ORDER BY distance
    LIMIT :passages
) n
GROUP BY n.item_id
ORDER BY min(n.distance), n.item_id
LIMIT :limit
