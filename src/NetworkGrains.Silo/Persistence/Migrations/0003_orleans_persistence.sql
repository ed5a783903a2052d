-- Grain state. Rows are identified by the full natural key; the unique index (NULL extensions equal) makes
-- concurrent first writes of one grain impossible to duplicate.
CREATE TABLE IF NOT EXISTS orleans_storage (
    service_id        text NOT NULL,
    grain_type        text NOT NULL,
    grain_type_hash   integer NOT NULL,
    grain_id_n0       bigint NOT NULL,
    grain_id_n1       bigint NOT NULL,
    grain_id_ext      text NULL,
    grain_id_hash     integer NOT NULL,
    payload           bytea NULL,
    version           integer NOT NULL,
    modified_at       timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX IF NOT EXISTS orleans_storage_natural_key
    ON orleans_storage (service_id, grain_type, grain_id_n0, grain_id_n1, grain_id_ext) NULLS NOT DISTINCT;
CREATE INDEX IF NOT EXISTS orleans_storage_hashes ON orleans_storage (grain_id_hash, grain_type_hash);

INSERT INTO orleansquery (querykey, querytext) VALUES
('ReadFromStorageKey', $q$
SELECT payload AS PayloadBinary, version AS Version
FROM orleans_storage
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
$q$),
-- A NULL @GrainStateVersion inserts (only if no row exists); otherwise update on a matching version.
-- Exactly one row comes back; NULL in it signals a conflict.
('WriteToStorageKey', $q$
WITH inserted AS (
    INSERT INTO orleans_storage (service_id, grain_type, grain_type_hash, grain_id_n0, grain_id_n1,
                                 grain_id_ext, grain_id_hash, payload, version)
    SELECT @ServiceId, @GrainTypeString, @GrainTypeHash, @GrainIdN0, @GrainIdN1,
           @GrainIdExtensionString, @GrainIdHash, @PayloadBinary, 1
    WHERE @GrainStateVersion::integer IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version),
updated AS (
    UPDATE orleans_storage
    SET payload = @PayloadBinary, version = version + 1, modified_at = now()
    WHERE @GrainStateVersion::integer IS NOT NULL
      AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version)
SELECT (SELECT version FROM inserted UNION ALL SELECT version FROM updated LIMIT 1) AS NewGrainStateVersion
$q$),
('ClearStorageKey', $q$
WITH cleared AS (
    UPDATE orleans_storage
    SET payload = NULL, version = version + 1, modified_at = now()
    WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version)
SELECT (SELECT version FROM cleared) AS NewGrainStateVersion
$q$),
('DeleteStorageKey', $q$
WITH deleted AS (
    DELETE FROM orleans_storage
    WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
      AND version = @GrainStateVersion
    RETURNING version)
SELECT (SELECT version + 1 FROM deleted) AS NewGrainStateVersion
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
