using Npgsql;
using NpgsqlTypes;
using NetworkGrains.Grains.Audit;

namespace NetworkGrains.Silo.Persistence;

/// <summary>The audit_log table (append-only: a trigger refuses updates and deletes).</summary>
public sealed class PostgresAuditLog(NpgsqlDataSource dataSource) : IAuditLog
{
    public async Task Append(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO audit_log (at, actor, roles, source, action, target, summary, remote, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)");
        command.Parameters.Add(new() { Value = entry.At, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = entry.Actor, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = entry.Roles, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = entry.Source, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = entry.Action, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = entry.Target, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = entry.Summary, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)entry.Remote ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)entry.Before ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)entry.After ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<(AuditEntry[] Items, int Total)> Query(AuditQuery query, CancellationToken cancellationToken = default)
    {
        const string filter = "($1::text IS NULL OR actor = $1) AND ($2::text IS NULL OR source = $2) AND ($3::text IS NULL OR action ILIKE '%' || $3 || '%') " +
                              "AND ($4::timestamptz IS NULL OR at >= $4)";
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command($"SELECT at, actor, roles, source, action, target, summary, remote, before, after FROM audit_log WHERE {filter} ORDER BY at DESC, id DESC LIMIT $5 OFFSET $6", query, true));
        batch.BatchCommands.Add(Command($"SELECT count(*) FROM audit_log WHERE {filter}", query, false));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        var items = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken))
            items.Add(new AuditEntry(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6), Text(reader, 7), Text(reader, 8), Text(reader, 9)));
        await reader.NextResultAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return ([.. items], (int)reader.GetInt64(0));
    }

    private static string? Text(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static NpgsqlBatchCommand Command(string sql, AuditQuery query, bool withPage)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.Add(new() { Value = (object?)query.Actor ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)query.Source ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (object?)query.Action ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = query.Since is { } since ? since : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        if (withPage)
        {
            command.Parameters.Add(new() { Value = query.Limit, NpgsqlDbType = NpgsqlDbType.Integer });
            command.Parameters.Add(new() { Value = (query.Page - 1) * query.Limit, NpgsqlDbType = NpgsqlDbType.Integer });
        }

        return command;
    }
}
