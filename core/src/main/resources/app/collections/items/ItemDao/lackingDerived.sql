-- Items without derived images, oldest first: what a backfill (reindex) makes them for.
SELECT id
FROM items
WHERE user_id = :tenant AND thumbnail_width IS NULL AND object_key IS NOT NULL
ORDER BY created_at, id
LIMIT :limit
