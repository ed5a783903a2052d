-- One row per device, series and minute. Rows are replaced, not merged: the device grain re-sends a minute
-- only with everything it knows about that minute.
CREATE TABLE IF NOT EXISTS telemetry_rollup (
    device_id text NOT NULL,
    metric    text NOT NULL,
    instance  text NOT NULL DEFAULT '',
    minute    timestamptz NOT NULL,
    min       double precision NOT NULL,
    max       double precision NOT NULL,
    mean      double precision NOT NULL,
    count     integer NOT NULL,
    last      double precision NOT NULL,
    PRIMARY KEY (device_id, metric, instance, minute)
);
