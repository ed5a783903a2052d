using Npgsql;
using NpgsqlTypes;
using NetworkGrains.Grains.DataLifecycle;

namespace NetworkGrains.Silo.DataLifecycle;

/// <summary>
/// A table of device data: deleted by device on request, and by age in batches that each take at most
/// <c>limit</c> rows (by ctid, so a batch is one short statement whatever the table's keys).
/// </summary>
public sealed class TableData(NpgsqlDataSource dataSource, string kind, string table, string deviceColumn, string timeColumn, TimeSpan policy)
    : IDeviceData, IRetainedData
{
    public string Kind => kind;

    public TimeSpan Policy => policy;

    public async Task<long> PurgeDeviceAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {table} WHERE {deviceColumn} = $1");
        command.Parameters.Add(new() { Value = deviceId, NpgsqlDbType = NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"DELETE FROM {table} WHERE ctid IN (SELECT ctid FROM {table} WHERE {timeColumn} < $1 LIMIT $2)");
        command.Parameters.Add(new() { Value = cutoff, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
