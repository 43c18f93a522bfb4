-- The tenants with items that have no derived images: what a backfill (reindex) goes through, each
-- tenant's items then with its own tenant.
SELECT DISTINCT user_id
FROM items
WHERE thumbnail_width IS NULL AND object_key IS NOT NULL
ORDER BY user_id
