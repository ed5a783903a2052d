-- Every trap and inform a device received (its grain keeps only the newest 1,000).
CREATE TABLE IF NOT EXISTS snmp_trap (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id      text NOT NULL,
    received_at    timestamptz NOT NULL,
    source_address text NOT NULL,
    version        text NOT NULL,
    trap_oid       text NOT NULL,
    kind           text NOT NULL,
    security_name  text NOT NULL,
    is_inform      boolean NOT NULL,
    varbinds       jsonb NOT NULL
);

CREATE INDEX IF NOT EXISTS snmp_trap_device_time ON snmp_trap (device_id, received_at DESC);
