-- An imported item keeps the prototype's id and times. ON CONFLICT: an id already taken (by this
-- user: a re-run; by another: refused by the caller) inserts nothing and overwrites nothing.
INSERT INTO items (id, user_id, filename, original_filename, content_type, byte_size, width, height,
                   status, category, object_key, sha256, created_at, updated_at)
VALUES (:i.id, :tenant, :i.filename, :i.originalFilename, :i.contentType, :i.byteSize, :i.width, :i.height,
        :i.status, :i.category, :i.objectKey, :i.sha256, :i.createdAt, :i.updatedAt)
ON CONFLICT DO NOTHING
