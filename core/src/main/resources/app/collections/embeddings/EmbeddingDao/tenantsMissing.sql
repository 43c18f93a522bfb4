-- Tenants with documents lacking vectors of this model (as missing.sql): reindex's work list.
SELECT DISTINCT d.user_id
FROM documents d
WHERE (SELECT count(*) FROM embeddings e
       WHERE e.user_id = d.user_id AND e.item_id = d.item_id AND e.model = :model)
      < CASE WHEN d.gist <> '' AND d.gist <> d.body THEN 2 ELSE 1 END
ORDER BY d.user_id
