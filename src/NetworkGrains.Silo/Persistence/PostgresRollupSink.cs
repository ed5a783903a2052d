using Npgsql;
using NpgsqlTypes;
using NetworkGrains.Grains.Devices;

namespace NetworkGrains.Silo.Persistence;

/// <summary>
/// Writes rollups to telemetry_rollup with group commit: while one binary COPY runs, the rows of every other
/// device wait and go together in the next one. Each caller's task completes when its rows are committed.
/// </summary>
public sealed class PostgresRollupSink(NpgsqlDataSource dataSource, ILogger<PostgresRollupSink> logger) : IRollupSink
{
    private readonly Lock _gate = new();
    private List<(IReadOnlyList<RollupRow> Rows, TaskCompletionSource Done)> _queued = [];
    private bool _writing;

    public bool IsDurable => true;

    public Task WriteAsync(IReadOnlyList<RollupRow> rows, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _queued.Add((rows, done));
            if (_writing) return done.Task;
            _writing = true;
        }
        _ = Task.Run(DrainAsync, CancellationToken.None);
        return done.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<(IReadOnlyList<RollupRow> Rows, TaskCompletionSource Done)> batch;
            lock (_gate)
            {
                if (_queued.Count == 0) { _writing = false; return; }
                (batch, _queued) = (_queued, []);
            }
            try
            {
                await CopyAsync(batch.SelectMany(b => b.Rows));
                foreach (var (_, done) in batch) done.SetResult();
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Writing {Count} rollup batches failed", batch.Count);
                foreach (var (_, done) in batch) done.SetException(ex);
            }
        }
    }

    private async Task CopyAsync(IEnumerable<RollupRow> rows)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE rollup_stage (LIKE telemetry_rollup, ordinal bigint) ON COMMIT DROP", connection, transaction))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var importer = await connection.BeginBinaryImportAsync(
            "COPY rollup_stage (device_id, metric, instance, minute, min, max, mean, count, last, ordinal) FROM STDIN (FORMAT BINARY)"))
        {
            long ordinal = 0;
            foreach (var row in rows)
            {
                await importer.StartRowAsync();
                await importer.WriteAsync(row.DeviceId, NpgsqlDbType.Text);
                await importer.WriteAsync(row.Metric, NpgsqlDbType.Text);
                await importer.WriteAsync(row.Instance, NpgsqlDbType.Text);
                await importer.WriteAsync(row.Minute, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(row.Min, NpgsqlDbType.Double);
                await importer.WriteAsync(row.Max, NpgsqlDbType.Double);
                await importer.WriteAsync(row.Mean, NpgsqlDbType.Double);
                await importer.WriteAsync(row.Count, NpgsqlDbType.Integer);
                await importer.WriteAsync(row.Last, NpgsqlDbType.Double);
                await importer.WriteAsync(ordinal++, NpgsqlDbType.Bigint);
            }
            await importer.CompleteAsync();
        }

        // The newest row of a minute wins, within the batch and over what is stored.
        await using (var merge = new NpgsqlCommand("""
            INSERT INTO telemetry_rollup (device_id, metric, instance, minute, min, max, mean, count, last)
            SELECT DISTINCT ON (device_id, metric, instance, minute)
                   device_id, metric, instance, minute, min, max, mean, count, last
            FROM rollup_stage
            ORDER BY device_id, metric, instance, minute, ordinal DESC
            ON CONFLICT (device_id, metric, instance, minute) DO UPDATE
            SET min = EXCLUDED.min, max = EXCLUDED.max, mean = EXCLUDED.mean, count = EXCLUDED.count, last = EXCLUDED.last
            """, connection, transaction))
        {
            await merge.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }
}
