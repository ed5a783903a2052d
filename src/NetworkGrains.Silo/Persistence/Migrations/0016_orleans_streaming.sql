-- Orleans' ADO.NET streaming provider (Microsoft.Orleans.Streaming.AdoNet): one row per queued event batch, kept
-- until a receiver confirms it with the receipt (the dequeue count) it got. A batch not confirmed within the
-- visibility timeout (a silo killed before its consumers were done) is dequeued again; one dequeued MaxAttempts
-- times or past its expiry goes to the dead letters, which are deleted after their removal timeout.
CREATE TABLE IF NOT EXISTS orleans_stream_message (
    service_id  text NOT NULL,
    provider_id text NOT NULL,
    queue_id    text NOT NULL,
    message_id  bigint GENERATED ALWAYS AS IDENTITY,
    dequeued    integer NOT NULL DEFAULT 0,
    visible_on  timestamptz NOT NULL,
    expires_on  timestamptz NOT NULL,
    created_on  timestamptz NOT NULL,
    modified_on timestamptz NOT NULL,
    payload     bytea NOT NULL,
    PRIMARY KEY (service_id, provider_id, queue_id, message_id)
);

CREATE TABLE IF NOT EXISTS orleans_stream_dead_letter (
    service_id  text NOT NULL,
    provider_id text NOT NULL,
    queue_id    text NOT NULL,
    message_id  bigint NOT NULL,
    dequeued    integer NOT NULL,
    visible_on  timestamptz NOT NULL,
    expires_on  timestamptz NOT NULL,
    created_on  timestamptz NOT NULL,
    modified_on timestamptz NOT NULL,
    dead_on     timestamptz NOT NULL,
    remove_on   timestamptz NOT NULL,
    payload     bytea NOT NULL,
    PRIMARY KEY (service_id, provider_id, queue_id, message_id)
);

CREATE INDEX IF NOT EXISTS orleans_stream_dead_letter_remove ON orleans_stream_dead_letter (service_id, provider_id, queue_id, remove_on);

-- When each queue was last swept for expired messages and dead letters (the sweep runs with a dequeue, at most once an interval).
CREATE TABLE IF NOT EXISTS orleans_stream_eviction (
    service_id  text NOT NULL,
    provider_id text NOT NULL,
    queue_id    text NOT NULL,
    evicted_on  timestamptz NOT NULL,
    PRIMARY KEY (service_id, provider_id, queue_id)
);

-- Moves the given messages of a queue to the dead letters, to be deleted after removal seconds.
CREATE OR REPLACE FUNCTION orleans_stream_bury(p_service text, p_provider text, p_queue text, p_messages bigint[], p_removal integer)
RETURNS void LANGUAGE sql AS $f$
    WITH dead AS (
        DELETE FROM orleans_stream_message m
        WHERE m.service_id = p_service AND m.provider_id = p_provider AND m.queue_id = p_queue AND m.message_id = ANY (p_messages)
        RETURNING m.*)
    INSERT INTO orleans_stream_dead_letter
        (service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on, modified_on, dead_on, remove_on, payload)
    SELECT service_id, provider_id, queue_id, message_id, dequeued, visible_on, expires_on, created_on, modified_on,
           now(), now() + make_interval(secs => p_removal), payload
    FROM dead
    ON CONFLICT DO NOTHING;
$f$;

-- Moves up to max_count messages of a queue that are past their visibility and either expired or out of attempts.
CREATE OR REPLACE FUNCTION orleans_stream_evict_messages(
    p_service text, p_provider text, p_queue text, p_max_count integer, p_max_attempts integer, p_removal integer)
RETURNS void LANGUAGE sql AS $f$
    SELECT orleans_stream_bury(p_service, p_provider, p_queue, ARRAY(
        SELECT x.message_id FROM orleans_stream_message x
        WHERE x.service_id = p_service AND x.provider_id = p_provider AND x.queue_id = p_queue
          AND x.visible_on <= now() AND (x.expires_on <= now() OR x.dequeued >= p_max_attempts)
        ORDER BY x.message_id LIMIT p_max_count
        FOR UPDATE SKIP LOCKED), p_removal);
$f$;

CREATE OR REPLACE FUNCTION orleans_stream_evict_dead_letters(p_service text, p_provider text, p_queue text, p_max_count integer)
RETURNS void LANGUAGE sql AS $f$
    DELETE FROM orleans_stream_dead_letter d
    WHERE d.service_id = p_service AND d.provider_id = p_provider AND d.queue_id = p_queue
      AND d.message_id IN (
        SELECT x.message_id FROM orleans_stream_dead_letter x
        WHERE x.service_id = p_service AND x.provider_id = p_provider AND x.queue_id = p_queue AND x.remove_on <= now()
        ORDER BY x.message_id LIMIT p_max_count);
$f$;

-- Takes up to max_count visible messages of a queue in order (rows another receiver holds are skipped), counts
-- the dequeue (the receipt) and hides them for the visibility timeout. Sweeps the queue first when it is due.
CREATE OR REPLACE FUNCTION orleans_stream_dequeue(
    p_service text, p_provider text, p_queue text, p_max_count integer, p_max_attempts integer,
    p_visibility integer, p_removal integer, p_eviction_interval integer, p_eviction_batch integer)
RETURNS TABLE (serviceid text, providerid text, queueid text, messageid bigint, dequeuecount integer,
               visibleon timestamptz, expireson timestamptz, createdon timestamptz, modifiedon timestamptz, payloadbytes bytea)
LANGUAGE plpgsql AS $f$
BEGIN
    INSERT INTO orleans_stream_eviction AS e (service_id, provider_id, queue_id, evicted_on)
    VALUES (p_service, p_provider, p_queue, now())
    ON CONFLICT (service_id, provider_id, queue_id) DO UPDATE SET evicted_on = EXCLUDED.evicted_on
    WHERE e.evicted_on <= now() - make_interval(secs => p_eviction_interval);
    IF FOUND THEN
        PERFORM orleans_stream_evict_messages(p_service, p_provider, p_queue, p_eviction_batch, p_max_attempts, p_removal);
        PERFORM orleans_stream_evict_dead_letters(p_service, p_provider, p_queue, p_eviction_batch);
    END IF;

    RETURN QUERY
    WITH picked AS (
        SELECT x.message_id FROM orleans_stream_message x
        WHERE x.service_id = p_service AND x.provider_id = p_provider AND x.queue_id = p_queue
          AND x.visible_on <= now() AND x.expires_on > now() AND x.dequeued < p_max_attempts
        ORDER BY x.message_id LIMIT p_max_count
        FOR UPDATE SKIP LOCKED)
    UPDATE orleans_stream_message m
    SET dequeued = m.dequeued + 1, visible_on = now() + make_interval(secs => p_visibility), modified_on = now()
    FROM picked
    WHERE m.service_id = p_service AND m.provider_id = p_provider AND m.queue_id = p_queue AND m.message_id = picked.message_id
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id, m.dequeued, m.visible_on, m.expires_on, m.created_on, m.modified_on, m.payload;
END
$f$;

-- A delivery failure: out of attempts or expired, the message goes to the dead letters; otherwise it is visible again at once.
CREATE OR REPLACE FUNCTION orleans_stream_fail(
    p_service text, p_provider text, p_queue text, p_message bigint, p_max_attempts integer, p_removal integer)
RETURNS void LANGUAGE plpgsql AS $f$
BEGIN
    UPDATE orleans_stream_message m SET visible_on = now(), modified_on = now()
    WHERE m.service_id = p_service AND m.provider_id = p_provider AND m.queue_id = p_queue AND m.message_id = p_message
      AND m.dequeued < p_max_attempts AND m.expires_on > now();
    IF NOT FOUND THEN
        PERFORM orleans_stream_bury(p_service, p_provider, p_queue, ARRAY[p_message], p_removal);
    END IF;
END
$f$;

-- Items: "messageId:receipt|..."; a positive receipt confirms (deletes) the message, a negative one releases it
-- (visible again at once, as a receiver that shuts down does). Only a message whose dequeue count still equals
-- the receipt is touched: a receiver that lost it to another cannot confirm or release it.
INSERT INTO orleansquery (querykey, querytext) VALUES
('QueueStreamMessageKey', $q$
INSERT INTO orleans_stream_message (service_id, provider_id, queue_id, dequeued, visible_on, expires_on, created_on, modified_on, payload)
VALUES (@ServiceId, @ProviderId, @QueueId, 0, now(), now() + make_interval(secs => @ExpiryTimeout), now(), now(), @Payload)
RETURNING service_id AS ServiceId, provider_id AS ProviderId, queue_id AS QueueId, message_id AS MessageId
$q$),
('GetStreamMessagesKey', $q$
SELECT serviceid AS ServiceId, providerid AS ProviderId, queueid AS QueueId, messageid AS MessageId, dequeuecount AS Dequeued,
       visibleon AS VisibleOn, expireson AS ExpiresOn, createdon AS CreatedOn, modifiedon AS ModifiedOn, payloadbytes AS Payload
FROM orleans_stream_dequeue(@ServiceId, @ProviderId, @QueueId, @MaxCount, @MaxAttempts, @VisibilityTimeout, @RemovalTimeout, @EvictionInterval, @EvictionBatchSize)
$q$),
('ConfirmStreamMessagesKey', $q$
WITH items AS (
    SELECT split_part(item, ':', 1)::bigint AS message_id, split_part(item, ':', 2)::integer AS receipt
    FROM unnest(string_to_array(@Items, '|')) AS item),
confirmed AS (
    DELETE FROM orleans_stream_message m USING items i
    WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
      AND m.message_id = i.message_id AND i.receipt > 0 AND m.dequeued = i.receipt
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id),
released AS (
    UPDATE orleans_stream_message m SET visible_on = now(), modified_on = now()
    FROM items i
    WHERE m.service_id = @ServiceId AND m.provider_id = @ProviderId AND m.queue_id = @QueueId
      AND m.message_id = i.message_id AND i.receipt < 0 AND m.dequeued = -i.receipt
    RETURNING m.service_id, m.provider_id, m.queue_id, m.message_id)
SELECT service_id AS ServiceId, provider_id AS ProviderId, queue_id AS QueueId, message_id AS MessageId FROM confirmed
UNION ALL
SELECT service_id, provider_id, queue_id, message_id FROM released
$q$),
('FailStreamMessageKey', $q$
SELECT orleans_stream_fail(@ServiceId, @ProviderId, @QueueId, @MessageId, @MaxAttempts, @RemovalTimeout)
$q$),
('EvictStreamMessagesKey', $q$
SELECT orleans_stream_evict_messages(@ServiceId, @ProviderId, @QueueId, @MaxCount, @MaxAttempts, @RemovalTimeout)
$q$),
('EvictStreamDeadLettersKey', $q$
SELECT orleans_stream_evict_dead_letters(@ServiceId, @ProviderId, @QueueId, @MaxCount)
$q$)
ON CONFLICT (querykey) DO UPDATE SET querytext = EXCLUDED.querytext;
