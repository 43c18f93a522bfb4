INSERT INTO items (id, user_id, filename, original_filename, content_type, byte_size, width, height,
                   object_key, sha256)
VALUES (:item.id, :tenant, :item.filename, :item.originalFilename, :item.contentType,
        :item.byteSize, :item.width, :item.height, :item.objectKey, :item.sha256)
