using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Persistence;

/// <summary>The anomaly table: one row per anomaly (upserted), its filter columns beside the JSON document.</summary>
public sealed class PostgresAnomalyLog(NpgsqlDataSource dataSource) : IAnomalyLog
{
    public async Task Upsert(Anomaly anomaly, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO anomaly (id, device_id, severity, status, last_seen, doc) VALUES ($1, $2, $3, $4, $5, $6) " +
            "ON CONFLICT (id) DO UPDATE SET severity = excluded.severity, status = excluded.status, last_seen = excluded.last_seen, doc = excluded.doc");
        command.Parameters.Add(new() { Value = anomaly.Id, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = anomaly.DeviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = SnakeCaseNames.Of(anomaly.Severity), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = SnakeCaseNames.Of(anomaly.Status), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = anomaly.LastSeen, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(anomaly, ApiJson.Options), NpgsqlDbType = NpgsqlDbType.Jsonb });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(Anomaly[] Items, int Total)> Query(AnomalyQuery query, CancellationToken cancellationToken = default)
    {
        const string filter = "($1::text IS NULL OR severity = $1) AND ($2::text IS NULL OR status = $2) " +
                              "AND ($3::timestamptz IS NULL OR last_seen >= $3) AND ($4::text IS NULL OR device_id = $4)";
        await using var batch = dataSource.CreateBatch();
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
