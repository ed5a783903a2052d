-- One check value per data-protection key id: a constant sealed under that key when the id was first used.
-- A silo whose key does not decrypt it has the wrong key for that id, and stops at start.
CREATE TABLE IF NOT EXISTS data_protection_key (
    id          text PRIMARY KEY,
    check_value bytea NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);
