INSERT INTO uploads (id, user_id, filename, content_type, byte_size, object_key, expires_at)
VALUES (:id, :tenant, :filename, :contentType, :byteSize, :objectKey, :expiresAt)
