-- What a client shows before any analysis, and when and where a photo was taken.
--
-- Derived images: a thumbnail for grids and a preview for the detail view (also what the vision
-- models read), JPEGs stored beside the original under the tenant's prefix
-- ({user}/{item}/thumbnail.jpg, preview.jpg), made by the DERIVE job right after an upload. Their
-- size is kept so a client can lay out a grid before the bytes arrive; NULL until made.
--
-- Capture: the EXIF capture time (its offset when the file has one: EXIF 2.31 OffsetTimeOriginal),
-- the GPS position, and the place it falls in by offline reverse geocoding (GeoNames). The position
-- is the owner's only: never in a derived image (their metadata is stripped), never in a log.
ALTER TABLE items
    ADD COLUMN thumbnail_width      integer CHECK (thumbnail_width > 0),
    ADD COLUMN thumbnail_height     integer CHECK (thumbnail_height > 0),
    ADD COLUMN thumbnail_byte_size  integer CHECK (thumbnail_byte_size > 0),
    ADD COLUMN preview_width        integer CHECK (preview_width > 0),
    ADD COLUMN preview_height       integer CHECK (preview_height > 0),
    ADD COLUMN preview_byte_size    integer CHECK (preview_byte_size > 0),
    ADD COLUMN taken_at             timestamptz,
    -- Minutes east of UTC; NULL when the camera wrote no offset (the time is then its clock's, as UTC).
    ADD COLUMN taken_offset_minutes smallint CHECK (taken_offset_minutes BETWEEN -1080 AND 1080),
    ADD COLUMN location_latitude    double precision CHECK (location_latitude BETWEEN -90 AND 90),
    ADD COLUMN location_longitude   double precision CHECK (location_longitude BETWEEN -180 AND 180),
    ADD COLUMN location_city        text,
    ADD COLUMN location_region      text,
    ADD COLUMN location_country     text,
    ADD COLUMN location_country_code text,
    -- What a place filter matches: the city, region, country, country code and "City, Country",
    -- each without accents and in lower case (PlaceNames.key), so "zurich" finds Zürich.
    ADD COLUMN location_keys        text[],
    ADD CONSTRAINT items_location_whole
        CHECK ((location_latitude IS NULL) = (location_longitude IS NULL));

-- takenAfter/takenBefore: a tenant's photos by capture time.
CREATE INDEX items_user_taken_idx ON items (user_id, taken_at) WHERE taken_at IS NOT NULL;

-- DERIVE makes an item's derived images and reads its capture time and place.
ALTER TABLE jobs DROP CONSTRAINT jobs_kind_check;
ALTER TABLE jobs ADD CONSTRAINT jobs_kind_check CHECK (kind IN ('ANALYZE', 'EMBED', 'DERIVE'));
