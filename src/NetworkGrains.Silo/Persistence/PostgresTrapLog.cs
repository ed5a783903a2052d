using NetworkGrains.Abstractions;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Silo.Api;
using NetworkGrains.Grains.Devices.Traps;

namespace NetworkGrains.Silo.Persistence;

/// <summary>Writes traps to snmp_trap behind the receiver (<see cref="CopyWriteBehind{T}"/>), and reads a device's older traps back.</summary>
public sealed class PostgresTrapLog(NpgsqlDataSource dataSource, ILogger<PostgresTrapLog> logger) : CopyWriteBehind<TrapEvent>(logger, "snmp_trap"), ITrapLog
{
    public bool Durable => true;

    public async Task<TrapEvent[]> ReadRecentAsync(string deviceId, int count, DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT received_at, source_address, version, trap_oid, kind, security_name, is_inform, varbinds FROM snmp_trap " +
            "WHERE device_id = $1 AND received_at < $2 ORDER BY received_at DESC, id DESC LIMIT $3");
        command.Parameters.Add(new() { Value = deviceId, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = Microseconds(before), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = count, NpgsqlDbType = NpgsqlDbType.Integer });
        var newestFirst = new List<TrapEvent>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            newestFirst.Add(new TrapEvent(
                reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                SnakeCaseNames.Parse<TrapKind>(reader.GetString(4)) ?? TrapKind.Other, reader.GetString(5), reader.GetBoolean(6),
                JsonSerializer.Deserialize<TrapVarBind[]>(reader.GetString(7), ApiJson.Options) ?? []));
        }
        newestFirst.Reverse();
        return newestFirst.ToArray();
    }

    protected override async Task CopyAsync(List<(string DeviceId, TrapEvent Item)> batch)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var importer = await connection.BeginBinaryImportAsync(
            "COPY snmp_trap (device_id, received_at, source_address, version, trap_oid, kind, security_name, is_inform, varbinds) FROM STDIN (FORMAT BINARY)");
        foreach (var (deviceId, trap) in batch)
        {
            await importer.StartRowAsync();
            await importer.WriteAsync(deviceId, NpgsqlDbType.Text);
            await importer.WriteAsync(trap.ReceivedAt, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(trap.SourceAddress, NpgsqlDbType.Text);
            await importer.WriteAsync(trap.Version, NpgsqlDbType.Text);
            await importer.WriteAsync(trap.TrapOid, NpgsqlDbType.Text);
            await importer.WriteAsync(SnakeCaseNames.Of(trap.Kind), NpgsqlDbType.Text);
            await importer.WriteAsync(trap.SecurityName, NpgsqlDbType.Text);
            await importer.WriteAsync(trap.IsInform, NpgsqlDbType.Boolean);
            await importer.WriteAsync(JsonSerializer.Serialize(trap.VarBinds, ApiJson.Options), NpgsqlDbType.Jsonb);
        }
        await importer.CompleteAsync();
    }
}
