-- An imported item keeps the prototype's id and times, in the status ItemLifecycle.importedStatus gives it, with the renditions and capture facts the
-- import made (as the DERIVE job records them for an upload). ON CONFLICT: an id already taken (by
-- this user: a re-run; by another: refused by the caller) inserts nothing and overwrites nothing.
INSERT INTO items (id, user_id, filename, original_filename, content_type, byte_size, width, height,
                   status, category, object_key, sha256, created_at, updated_at,
                   thumbnail_width, thumbnail_height, thumbnail_byte_size,
                   preview_width, preview_height, preview_byte_size, taken_at, taken_offset_minutes,
                   location_latitude, location_longitude, location_city, location_region, location_country,
                   location_country_code, location_keys)
VALUES (:i.id, :tenant, :i.filename, :i.originalFilename, :i.contentType, :i.byteSize, :i.width, :i.height,
        :i.status, :i.category, :i.objectKey, :i.sha256, :i.createdAt, :i.updatedAt,
        :i.facts.thumbnailWidth, :i.facts.thumbnailHeight, :i.facts.thumbnailByteSize,
        :i.facts.previewWidth, :i.facts.previewHeight, :i.facts.previewByteSize,
        :i.facts.takenAt, :i.facts.takenOffsetMinutes, :i.facts.latitude, :i.facts.longitude,
        :i.facts.city, :i.facts.region, :i.facts.country,
        :i.facts.countryCode, :i.facts.locationKeys)
ON CONFLICT DO NOTHING
