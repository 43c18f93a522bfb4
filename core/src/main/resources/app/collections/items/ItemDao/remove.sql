DELETE FROM items
WHERE user_id = :tenant AND id = :id
RETURNING id, filename, original_filename, content_type, byte_size, width, height, status, last_error, category, object_key, created_at, updated_at
