SELECT id, filename, content_type, byte_size, object_key, item_id, expires_at, completed_at
FROM uploads
WHERE user_id = :tenant AND id = :id
