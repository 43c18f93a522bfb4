-- Refills the tenant's buckets for the time since the last take and takes this request's tokens,
-- in one statement: the row lock serialises concurrent takes (any container), so no two see the
-- same tokens. A new tenant's row is inserted as full buckets already taken from (:fresh*,
-- computed by TokenBuckets, the same rules as below). A kind is taken all or nothing; searches
-- and model calls only when the request itself is granted.
INSERT INTO rate_limit_buckets (user_id, requests, searches, model_calls, refilled_at,
                                requests_granted, searches_granted, model_calls_granted)
VALUES (:tenant, :freshRequests, :freshSearches, :freshModelCalls, now(),
        :freshRequestGranted, :freshSearchesGranted, :freshModelCallsGranted)
ON CONFLICT (user_id) DO UPDATE SET
    (requests, searches, model_calls, refilled_at, requests_granted, searches_granted, model_calls_granted) = (
        SELECT CASE WHEN r_ok THEN r - 1 ELSE r END,
               CASE WHEN s_ok THEN s - :searches ELSE s END,
               CASE WHEN m_ok THEN m - :modelCalls ELSE m END,
               greatest(rate_limit_buckets.refilled_at, now()),
               r_ok, s_ok, m_ok
        FROM (SELECT r, s, m,
                     r >= 1 AS r_ok,
                     r >= 1 AND s >= :searches AS s_ok,
                     r >= 1 AND m >= :modelCalls AS m_ok
              FROM (SELECT least(:requestBurst, rate_limit_buckets.requests + :requestsPerSecond * elapsed) AS r,
                           least(:searchBurst, rate_limit_buckets.searches + :searchesPerSecond * elapsed) AS s,
                           least(:modelCallBurst, rate_limit_buckets.model_calls + :modelCallsPerSecond * elapsed) AS m
                    FROM (SELECT greatest(0, extract(epoch FROM now() - rate_limit_buckets.refilled_at)::double precision)
                                 AS elapsed) AS since) AS refilled) AS decided)
RETURNING requests, searches, model_calls, requests_granted, searches_granted, model_calls_granted
