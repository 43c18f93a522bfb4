SELECT i.id, i.status, i.category, i.sha256, i.object_key, i.created_at,
       EXISTS (SELECT 1 FROM jobs j WHERE j.user_id = :tenant AND j.item_id = i.id
               AND j.status IN ('QUEUED', 'RUNNING')) AS queued
FROM items i
WHERE i.user_id = :tenant AND i.id = ANY(:ids)
