-- Automatic persisted queries (Apollo's protocol): a GraphQL document stored by the SHA-256 of its
-- text, so a client can send the 64-character hash instead of the document (GET-cacheable, small
-- mobile requests). In PostgreSQL, not in process, so every Lambda container knows every hash.
--
-- NOT tenant data, by design (DaoTenantParameterTest lists PersistedQueryDao's methods as
-- exceptions for this reason): the row is a public document keyed by its own hash. Variables are
-- never stored, the text is never sent back to anyone, and a hash only lets its sender run the
-- document as themselves, on their own tenant's data, as if they had sent the text.
--
-- Bounded: PersistedQueries stores only documents that parse and validate, none longer than the
-- request limit (graphql.maxRequestBytes; the CHECK holds that limit's own upper bound), and at
-- most PersistedQueries.MAX_STORED_QUERIES (10,000) of them.
CREATE TABLE persisted_queries (
  sha256     text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  query      text NOT NULL CHECK (length(query) BETWEEN 1 AND 10000000),
  created_at timestamptz NOT NULL DEFAULT now()
);
