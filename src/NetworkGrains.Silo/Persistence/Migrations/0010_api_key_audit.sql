-- API keys (only a SHA-256 of each key's secret is kept; the key is shown once, when it is made) and the audit
-- trail of every state change, which is append-only: rows can be added, never changed or removed.
CREATE TABLE IF NOT EXISTS api_key (
    id          text PRIMARY KEY,
    name        text NOT NULL UNIQUE,
    secret_hash bytea NOT NULL,
    roles       text[] NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz
);

CREATE TABLE IF NOT EXISTS audit_log (
    id      bigserial PRIMARY KEY,
    at      timestamptz NOT NULL,
    actor   text NOT NULL,
    roles   text[] NOT NULL,
    source  text NOT NULL,
    action  text NOT NULL,
    target  text NOT NULL,
    summary text NOT NULL,
    remote  text
);

CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at DESC);

CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
