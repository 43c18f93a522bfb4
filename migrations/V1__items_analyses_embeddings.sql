-- Collections: the tenant-owned data model.
-- Every table carries user_id NOT NULL (the token's sub) and every index leads with it, so each
-- tenant's rows are one contiguous index range. Child tables reference items by (user_id, id):
-- the database itself refuses an analysis or embedding that points at another tenant's item.

CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE items (
    id                uuid        PRIMARY KEY,
    user_id           text        NOT NULL CHECK (length(user_id) BETWEEN 1 AND 128),
    filename          text        NOT NULL,
    original_filename text,
    content_type      text        NOT NULL,
    byte_size         bigint      NOT NULL CHECK (byte_size >= 0),
    width             integer     CHECK (width > 0),
    height            integer     CHECK (height > 0),
    status            text        NOT NULL DEFAULT 'PENDING'
                                  CHECK (status IN ('PENDING', 'ANALYZING', 'READY', 'FAILED')),
    last_error        text,
    -- The latest analysis' category, kept here so filtering and the category facet need no join.
    category          text,
    created_at        timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT items_user_id_id_key UNIQUE (user_id, id)
);

-- Newest-first keyset pagination within a tenant.
CREATE INDEX items_user_created_idx  ON items (user_id, created_at DESC, id DESC);
CREATE INDEX items_user_category_idx ON items (user_id, category);
CREATE INDEX items_user_status_idx   ON items (user_id, status);

CREATE TABLE analyses (
    id            uuid        PRIMARY KEY,
    user_id       text        NOT NULL,
    item_id       uuid        NOT NULL,
    version       integer     NOT NULL CHECK (version > 0),
    provider      text        NOT NULL,
    model         text        NOT NULL,
    -- Columns search and filters need; the full reply stays in raw.
    category      text,
    subcategories text[]      NOT NULL DEFAULT '{}',
    headline      text,
    summary       text,
    raw           jsonb       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT analyses_item_fk FOREIGN KEY (user_id, item_id)
        REFERENCES items (user_id, id) ON DELETE CASCADE,
    CONSTRAINT analyses_user_item_version_key UNIQUE (user_id, item_id, version)
);

-- One row per item and embedding model. The column is an untyped vector with its dimension
-- recorded beside it, so switching models is a re-embed (new rows, per-model indexes), not a
-- schema rewrite.
CREATE TABLE embeddings (
    user_id    text        NOT NULL,
    item_id    uuid        NOT NULL,
    model      text        NOT NULL,
    dimension  integer     NOT NULL CHECK (dimension > 0),
    embedding  vector      NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, item_id, model),
    CONSTRAINT embeddings_item_fk FOREIGN KEY (user_id, item_id)
        REFERENCES items (user_id, id) ON DELETE CASCADE,
    CONSTRAINT embeddings_dimension_matches CHECK (vector_dims(embedding) = dimension)
);
