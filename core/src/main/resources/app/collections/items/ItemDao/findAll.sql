SELECT id, filename, original_filename, content_type, byte_size, width, height, status, last_error, category, object_key, created_at, updated_at,
       thumbnail_width, thumbnail_height, thumbnail_byte_size, preview_width, preview_height, preview_byte_size,
       taken_at, taken_offset_minutes, location_latitude, location_longitude, location_city, location_region,
       location_country, location_country_code
FROM items
WHERE user_id = :tenant AND id = ANY(:ids)
