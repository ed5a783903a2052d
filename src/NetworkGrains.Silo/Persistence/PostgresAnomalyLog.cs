using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Persistence;

/// <summary>
/// The anomaly table: one row per anomaly (upserted), its filter columns beside the JSON document. Concurrent
/// upserts share statements (<see cref="WriteBatcher{T}"/>): a thousand anomalies a second are a few dozen
/// statements, not a thousand.
/// </summary>
public sealed class PostgresAnomalyLog : IAnomalyLog
{
    public const int MaxBatch = 500;
    private readonly NpgsqlDataSource _dataSource;
    private readonly WriteBatcher<Anomaly> _upserts;

    public PostgresAnomalyLog(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource;
        _upserts = new WriteBatcher<Anomaly>(UpsertBatch, MaxBatch);
    }

    public Task Upsert(Anomaly anomaly, CancellationToken cancellationToken = default) => _upserts.Enqueue(anomaly);

    public async Task<string[]> QuietOpen(DateTimeOffset lastSeenBefore, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT id FROM anomaly WHERE status IN ('detected', 'investigating') AND last_seen < $1 ORDER BY last_seen LIMIT $2");
        command.Parameters.Add(new() { Value = lastSeenBefore, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return [.. ids];
    }

    public async Task<string[]> Ids(string? deviceId, DateTimeOffset? closedBefore, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT id FROM anomaly WHERE ($1::text IS NULL OR device_id = $1) " +
            "AND ($2::timestamptz IS NULL OR (status IN ('resolved', 'false_positive') AND last_seen < $2)) ORDER BY last_seen LIMIT $3");
        command.Parameters.Add(new() { Value = (object?)deviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)closedBefore ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetString(0));
        return [.. ids];
    }

    public async Task<long> Delete(string[] ids, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand("DELETE FROM anomaly WHERE id = ANY($1)");
        command.Parameters.Add(new() { Value = ids, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<Dictionary<string, int[]>> OpenCounts(IReadOnlyCollection<string> deviceIds, CancellationToken cancellationToken = default)
    {
        await using var command = _dataSource.CreateCommand(
            "SELECT device_id, severity, count(*) FROM anomaly WHERE device_id = ANY($1) AND status IN ('detected', 'investigating') GROUP BY device_id, severity");
        command.Parameters.Add(new() { Value = deviceIds.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (SnakeCaseNames.Parse<AnomalySeverity>(reader.GetString(1)) is not { } severity) continue;
            var device = reader.GetString(0);
            if (!counts.TryGetValue(device, out var bySeverity)) counts[device] = bySeverity = new int[Enum.GetValues<AnomalySeverity>().Length];
            bySeverity[(int)severity] = (int)reader.GetInt64(2);
        }

        return counts;
    }

    /// <summary>One statement for the batch; an anomaly changed twice in it is written as its last change (one row may be upserted once a statement).</summary>
    private async Task UpsertBatch(IReadOnlyList<Anomaly> batch)
    {
        var latest = new Dictionary<string, Anomaly>(StringComparer.Ordinal);
        foreach (var anomaly in batch) latest[anomaly.Id] = anomaly;
        var rows = latest.Values.ToArray();
        await using var command = _dataSource.CreateCommand(
            "INSERT INTO anomaly (id, device_id, severity, status, last_seen, doc) " +
            "SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::jsonb[]) " +
            "ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, status = excluded.status, last_seen = excluded.last_seen, doc = excluded.doc");
        command.Parameters.Add(new() { Value = rows.Select(a => a.Id).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = rows.Select(a => a.DeviceId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = rows.Select(a => SnakeCaseNames.Of(a.Severity)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = rows.Select(a => SnakeCaseNames.Of(a.Status)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = rows.Select(a => a.LastSeen).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = rows.Select(a => JsonSerializer.Serialize(a, ApiJson.Options)).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<(Anomaly[] Items, int Total)> Query(AnomalyQuery query, CancellationToken cancellationToken = default)
    {
        const string filter = "($1::text IS NULL OR severity = $1) AND ($2::text IS NULL OR status = $2) " +
                              "AND ($3::timestamptz IS NULL OR last_seen >= $3) AND ($4::text IS NULL OR device_id = $4)";
        await using var batch = _dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"SELECT doc FROM anomaly WHERE {filter} ORDER BY last_seen DESC, id LIMIT $5 OFFSET $6", query, withPage: true));
        batch.BatchCommands.Add(Command($"SELECT count(*) FROM anomaly WHERE {filter}", query, withPage: false));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var items = new List<Anomaly>();
        while (await reader.ReadAsync(cancellationToken))
            items.Add(JsonSerializer.Deserialize<Anomaly>(reader.GetString(0), ApiJson.Options)!);
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ([.. items], (int)reader.GetInt64(0));
    }

    private static NpgsqlBatchCommand Command(string sql, AnomalyQuery query, bool withPage)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new() { Value = query.Severity is { } severity ? SnakeCaseNames.Of(severity) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = query.Status is { } status ? SnakeCaseNames.Of(status) : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = query.Since is { } since ? since : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = (object?)query.DeviceId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        if (withPage)
        {
            command.Parameters.Add(new() { Value = query.Limit, NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.Add(new() { Value = (query.Page - 1) * query.Limit, NpgsqlDbType = NpgsqlDbType.Integer });
        }

        return command;
    }
}
