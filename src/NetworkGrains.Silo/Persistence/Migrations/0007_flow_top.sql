-- Top talkers per exporter per minute (device grains keep the last hour). A minute may be stored in parts
-- (a grain deactivated mid-minute, a late interval); the parts of a (device, minute, dimension) add up.
-- undercount_* bound how far the counts of that part may be short (0: exact), repeated on each of its rows.
CREATE TABLE IF NOT EXISTS flow_top (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    device_id          text NOT NULL,
    minute             timestamptz NOT NULL,
    part               uuid NOT NULL,
    dimension          text NOT NULL,
    talker             text NOT NULL,
    flows              bigint NOT NULL,
    packets            bigint NOT NULL,
    bytes              bigint NOT NULL,
    undercount_packets bigint NOT NULL,
    undercount_bytes   bigint NOT NULL
);

CREATE INDEX IF NOT EXISTS flow_top_device_minute ON flow_top (device_id, minute);
