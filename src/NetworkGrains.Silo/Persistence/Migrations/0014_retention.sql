-- Retention deletes rows by age in small batches: BRIN indexes on the time columns of the append-ordered tables
-- find the old rows without slowing their writes.
CREATE INDEX IF NOT EXISTS telemetry_rollup_minute_brin ON telemetry_rollup USING brin (minute);
CREATE INDEX IF NOT EXISTS flow_top_minute_brin ON flow_top USING brin (minute);
CREATE INDEX IF NOT EXISTS snmp_trap_received_brin ON snmp_trap USING brin (received_at);
CREATE INDEX IF NOT EXISTS ml_dataset_updated ON ml_dataset (updated_at);

-- audit_log stays append-only: UPDATE is always refused, and DELETE only of rows older than the cutoff that
-- audit_log_expire set for its own transaction. That function is the retention sweep's one way in.
CREATE OR REPLACE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    expire_before text := current_setting('networkgrains.audit_expire_before', true);
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(expire_before, '') <> '' AND OLD.at < expire_before::timestamptz THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;

CREATE OR REPLACE FUNCTION audit_log_expire(cutoff timestamptz, max_rows integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    deleted bigint;
BEGIN
    PERFORM set_config('networkgrains.audit_expire_before', cutoff::text, true);
    DELETE FROM audit_log WHERE ctid IN (SELECT ctid FROM audit_log WHERE at < cutoff LIMIT max_rows);
    GET DIAGNOSTICS deleted = ROW_COUNT;
    PERFORM set_config('networkgrains.audit_expire_before', '', true);
    RETURN deleted;
END;
$$;
