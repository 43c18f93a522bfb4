INSERT INTO items (id, user_id, filename, original_filename, content_type, byte_size, width, height)
VALUES (:item.id, :tenant, :item.filename, :item.originalFilename, :item.contentType,
        :item.byteSize, :item.width, :item.height)
