-- The query side of anomalies: every anomaly grain writes its anomaly here after each change (the grain state is
-- the truth). The list is filtered by severity, status, device and last-seen time, newest first.
CREATE TABLE IF NOT EXISTS anomaly (
    id          text PRIMARY KEY,
    device_id   text NOT NULL,
    severity    text NOT NULL,
    status      text NOT NULL,
    last_seen   timestamptz NOT NULL,
    doc         jsonb NOT NULL
);

CREATE INDEX IF NOT EXISTS anomaly_last_seen ON anomaly (last_seen DESC);
CREATE INDEX IF NOT EXISTS anomaly_device_last_seen ON anomaly (device_id, last_seen DESC);
