-- The mirror of pageForward for last/before: walks the same index the other way.
SELECT id, filename, original_filename, content_type, byte_size, width, height, status, last_error, category, object_key, created_at, updated_at
FROM items
WHERE user_id = :tenant
  AND (CAST(:f.category AS text) IS NULL OR category = :f.category)
  AND (CAST(:f.status AS text) IS NULL OR status = :f.status)
  AND (CAST(:f.createdAfter AS timestamptz) IS NULL OR created_at > :f.createdAfter)
  AND (CAST(:f.createdBefore AS timestamptz) IS NULL OR created_at < :f.createdBefore)
  AND (CAST(:beforeCreatedAt AS timestamptz) IS NULL OR (created_at, id) > (:beforeCreatedAt, :beforeId))
ORDER BY created_at ASC, id ASC
LIMIT :limit
