using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Syslog;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Persistence;

/// <summary>Writes every syslog message to syslog_message behind the listeners (<see cref="CopyWriteBehind{T}"/>), and reads a device's older messages back.</summary>
public sealed class PostgresSyslogLog(NpgsqlDataSource dataSource, ILogger<PostgresSyslogLog> logger)
    : CopyWriteBehind<SyslogEntry>(logger, "syslog_message"), ISyslogLog
{
    private const string Columns = "received_at, sent_at, source_address, host_name, app_name, proc_id, msg_id, facility, severity, " +
                                   "vendor_facility, mnemonic, message, structured_data, event, subject, protocol";

    public async Task<SyslogEntry[]> ReadRecentAsync(string deviceId, int count, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM syslog_message WHERE device_id = $1 AND received_at < $2 ORDER BY received_at DESC, id DESC LIMIT $3");
        command.Parameters.Add(new() { Value = deviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = Microseconds(before), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = count, NpgsqlDbType = NpgsqlDbType.Integer });
        var newestFirst = await ReadAsync(command, count, cancellationToken);
        newestFirst.Reverse();
        return newestFirst.ToArray();
    }

    public async Task<SyslogEntry[]> SearchAsync(string deviceId, SyslogQuery query, CancellationToken cancellationToken)
    {
        // severity 8 matches every message; '\' escapes the text's own % and _ so it is matched as written.
        await using var command = dataSource.CreateCommand(
            $"SELECT {Columns} FROM syslog_message WHERE device_id = $1 AND severity <= $2 AND message ILIKE '%' || $3 || '%' ESCAPE '\\' " +
            "ORDER BY received_at DESC, id DESC LIMIT $4");
        command.Parameters.Add(new() { Value = deviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = (short)(query.MaxSeverity ?? 8), NpgsqlDbType = NpgsqlDbType.Smallint });
        command.Parameters.Add(new() { Value = LikeEscaped(query.Text ?? ""), NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = query.Last, NpgsqlDbType = NpgsqlDbType.Integer });
        return [.. await ReadAsync(command, query.Last, cancellationToken)];
    }

    private static string LikeEscaped(string text) => text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    private static async Task<List<SyslogEntry>> ReadAsync(NpgsqlCommand command, int count, CancellationToken cancellationToken)
    {
        var newestFirst = new List<SyslogEntry>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            newestFirst.Add(new SyslogEntry(
                reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetString(2), Text(3), Text(4), Text(5), Text(6),
                reader.GetInt16(7), reader.GetInt16(8), Text(9), Text(10), reader.GetString(11),
                JsonSerializer.Deserialize<SyslogElement[]>(reader.GetString(12), ApiJson.Options) ?? [],
                Text(13) is { } kind ? SnakeCaseNames.Parse<SyslogEventKind>(kind) : null, Text(14), Text(15)));
        }
        return newestFirst;
    }

    protected override async Task CopyAsync(List<(string DeviceId, SyslogEntry Item)> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var importer = await connection.BeginBinaryImportAsync($"COPY syslog_message (device_id, {Columns}) FROM STDIN (FORMAT BINARY)");
        foreach (var (deviceId, e) in batch)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(deviceId, NpgsqlDbType.Text);
            await importer.WriteAsync(e.ReceivedAt, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(e.Timestamp, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(e.SourceAddress, NpgsqlDbType.Text);
            await WriteText(e.HostName);
            await WriteText(e.AppName);
            await WriteText(e.ProcId);
            await WriteText(e.MsgId);
            await importer.WriteAsync((short)e.Facility, NpgsqlDbType.Smallint);
            await importer.WriteAsync((short)e.Severity, NpgsqlDbType.Smallint);
            await WriteText(e.VendorFacility);
            await WriteText(e.Mnemonic);
            await WriteText(e.Message);
            await importer.WriteAsync(JsonSerializer.Serialize(e.StructuredData, ApiJson.Options).Replace("\\u0000", "\\uFFFD", StringComparison.Ordinal), NpgsqlDbType.Jsonb);
            await WriteText(e.Event is { } kind ? SnakeCaseNames.Of(kind) : null);
            await WriteText(e.Subject);
            await WriteText(e.Protocol);
        }
        await importer.CompleteAsync();

        async Task WriteText(string? value)
        {
            if (value is null) await importer.WriteNullAsync();
            else await importer.WriteAsync(Storable(value), NpgsqlDbType.Text);
        }
    }

    /// <summary>PostgreSQL text (and jsonb) cannot hold NUL: a message that carried one keeps U+FFFD in its place.</summary>
    private static string Storable(string text) => text.Contains('\0') ? text.Replace('\0', '\uFFFD') : text;
}
