SELECT count(*)
FROM items
WHERE user_id = :tenant
  AND (CAST(:f.category AS text) IS NULL OR category = :f.category)
  AND (CAST(:f.status AS text) IS NULL OR status = :f.status)
  AND (CAST(:f.createdAfter AS timestamptz) IS NULL OR created_at > :f.createdAfter)
  AND (CAST(:f.createdBefore AS timestamptz) IS NULL OR created_at < :f.createdBefore)
