-- The item's place, its row locked for the rest of the transaction: an analysis being recorded and
-- the DERIVE job recording the place take the row in turn, so whichever commits second sees the
-- other's write (the document gets the place either way).
SELECT location_latitude, location_longitude, location_city, location_region, location_country,
       location_country_code
FROM items
WHERE user_id = :tenant AND id = :id
FOR UPDATE
