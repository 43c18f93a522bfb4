-- The filter of items(filter:) and of every search mode, over the tenant's items i, bound from
-- the ItemFilter bound as f. One copy, defined as <itemFilter> for every DAO statement (Database.jdbi), so
-- the item list and each search mode narrow alike. A null field does not filter; time windows are
-- half-open (after inclusive, before exclusive). A place matches the item's city, region, country,
-- country code or "City, Country" (Location.place, the places facet), ignoring case and accents:
-- the item stores those keys (location_keys), the filter its own (PlaceNames.key). Near is
-- a latitude band first (an index-free range test that discards most rows), then the haversine
-- great-circle distance on a sphere of Haversine.EARTH_RADIUS_KM (Haversine.km in Java).
    (CAST(:f.category AS text) IS NULL OR i.category = :f.category)
AND (CAST(:f.status AS text) IS NULL OR i.status = :f.status)
AND (CAST(:f.createdAfter AS timestamptz) IS NULL OR i.created_at >= :f.createdAfter)
AND (CAST(:f.createdBefore AS timestamptz) IS NULL OR i.created_at < :f.createdBefore)
AND (CAST(:f.takenAfter AS timestamptz) IS NULL OR i.taken_at >= :f.takenAfter)
AND (CAST(:f.takenBefore AS timestamptz) IS NULL OR i.taken_at < :f.takenBefore)
AND (CAST(:f.placeKey AS text) IS NULL OR :f.placeKey = ANY(i.location_keys))
AND (CAST(:f.nearLatitude AS float8) IS NULL
     OR (i.location_latitude BETWEEN :f.nearLatitude - :f.nearRadiusKm / 111.19
                                 AND :f.nearLatitude + :f.nearRadiusKm / 111.19
         AND 2 * 6371.0088 * asin(least(1, sqrt(
               power(sin(radians(i.location_latitude - :f.nearLatitude) / 2), 2)
               + cos(radians(:f.nearLatitude)) * cos(radians(i.location_latitude))
                 * power(sin(radians(i.location_longitude - :f.nearLongitude) / 2), 2)))) <= :f.nearRadiusKm))
