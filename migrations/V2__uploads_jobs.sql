-- Images in, analyses out: uploads, the stored object of each item, and durable analysis jobs.

-- Where the item's bytes are, and their hash, so the same image uploaded twice is one item.
ALTER TABLE items
    ADD COLUMN object_key text,
    ADD COLUMN sha256     bytea CHECK (sha256 IS NULL OR length(sha256) = 32);
CREATE UNIQUE INDEX items_user_sha256_key ON items (user_id, sha256) WHERE sha256 IS NOT NULL;

-- What the analysis cost and took, and the model's reply as it came.
ALTER TABLE analyses
    ADD COLUMN raw_reply     text,
    ADD COLUMN input_tokens  integer,
    ADD COLUMN output_tokens integer,
    ADD COLUMN latency_ms    integer;

-- A presigned upload: created by createUpload, turned into an item by completeUpload. Its id
-- becomes the item's id, so the object key ({user}/{id}/original.{ext}) is known before the PUT.
CREATE TABLE uploads (
    id           uuid        PRIMARY KEY,
    user_id      text        NOT NULL,
    filename     text        NOT NULL,
    content_type text        NOT NULL,
    byte_size    bigint      NOT NULL CHECK (byte_size > 0),
    object_key   text        NOT NULL,
    item_id      uuid,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    completed_at timestamptz
);
CREATE INDEX uploads_user_created_idx ON uploads (user_id, created_at);

-- Analysis work, off the request path. A crash or restart loses nothing: a RUNNING job whose
-- lease ran out is claimed again; failures back off and are retried up to max_attempts.
CREATE TABLE jobs (
    id           uuid        PRIMARY KEY,
    user_id      text        NOT NULL,
    item_id      uuid        NOT NULL,
    kind         text        NOT NULL CHECK (kind IN ('ANALYZE')),
    status       text        NOT NULL DEFAULT 'QUEUED'
                             CHECK (status IN ('QUEUED', 'RUNNING', 'DONE', 'FAILED')),
    provider     text,
    model        text,
    attempts     integer     NOT NULL DEFAULT 0,
    max_attempts integer     NOT NULL DEFAULT 5 CHECK (max_attempts > 0),
    last_error   text,
    run_after    timestamptz NOT NULL DEFAULT now(),
    locked_until timestamptz,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT jobs_item_fk FOREIGN KEY (user_id, item_id)
        REFERENCES items (user_id, id) ON DELETE CASCADE
);
-- The workers' queue: only live jobs, in the order they may run.
CREATE INDEX jobs_runnable_idx ON jobs (run_after) WHERE status IN ('QUEUED', 'RUNNING');
-- At most one live job per item and kind: a re-sent event or a double click queues nothing new.
CREATE UNIQUE INDEX jobs_one_live_per_item ON jobs (user_id, item_id, kind)
    WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX jobs_user_item_idx ON jobs (user_id, item_id);
