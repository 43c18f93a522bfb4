-- Documents with fewer vectors of this model than passages (DocumentText: the body, and the gist
-- unless it is empty or the whole body): never embedded, or embedded before gists were.
SELECT d.item_id
FROM documents d
WHERE d.user_id = :tenant
  AND (SELECT count(*) FROM embeddings e
       WHERE e.user_id = :tenant AND e.item_id = d.item_id AND e.model = :model)
      < CASE WHEN d.gist <> '' AND d.gist <> d.body THEN 2 ELSE 1 END
ORDER BY d.item_id
LIMIT :limit
