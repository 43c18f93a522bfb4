SELECT count(*)
FROM items i
WHERE i.user_id = :tenant
  AND <itemFilter>
