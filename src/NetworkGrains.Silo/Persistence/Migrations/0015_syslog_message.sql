-- Every syslog message a device received (its grain keeps only the newest 1,000); Syslog:Retention deletes old ones daily.
CREATE TABLE IF NOT EXISTS syslog_message (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id       text NOT NULL,
    received_at     timestamptz NOT NULL,
    sent_at         timestamptz NOT NULL,
    source_address  text NOT NULL,
    host_name       text,
    app_name        text,
    proc_id         text,
    msg_id          text,
    facility        smallint NOT NULL,
    severity        smallint NOT NULL,
    vendor_facility text,
    mnemonic        text,
    message         text NOT NULL,
    structured_data jsonb NOT NULL,
    event           text,
    subject         text,
    protocol        text
);

CREATE INDEX IF NOT EXISTS syslog_message_device_time ON syslog_message (device_id, received_at DESC);
CREATE INDEX IF NOT EXISTS syslog_message_received ON syslog_message (received_at);
