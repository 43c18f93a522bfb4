-- What the DERIVE job made and read (DerivedFacts): the derived images' sizes, the capture time and
-- the place. updated_at moves: a client polling the item sees its thumbnail arrive.
UPDATE items
SET thumbnail_width = :d.thumbnailWidth, thumbnail_height = :d.thumbnailHeight,
    thumbnail_byte_size = :d.thumbnailByteSize,
    preview_width = :d.previewWidth, preview_height = :d.previewHeight, preview_byte_size = :d.previewByteSize,
    taken_at = :d.takenAt, taken_offset_minutes = :d.takenOffsetMinutes,
    location_latitude = :d.latitude, location_longitude = :d.longitude,
    location_city = :d.city, location_region = :d.region, location_country = :d.country,
    location_country_code = :d.countryCode, location_keys = :d.locationKeys,
    updated_at = now()
WHERE user_id = :tenant AND id = :id
