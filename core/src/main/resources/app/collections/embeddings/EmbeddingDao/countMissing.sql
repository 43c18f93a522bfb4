-- As missing.sql, counted.
SELECT count(*)
FROM documents d
WHERE d.user_id = :tenant
  AND (SELECT count(*) FROM embeddings e
       WHERE e.user_id = :tenant AND e.item_id = d.item_id AND e.model = :model)
      < CASE WHEN d.gist <> '' AND d.gist <> d.body THEN 2 ELSE 1 END
