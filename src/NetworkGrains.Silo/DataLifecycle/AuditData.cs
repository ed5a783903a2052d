using Npgsql;
using NpgsqlTypes;
using NetworkGrains.Grains.DataLifecycle;

namespace NetworkGrains.Silo.DataLifecycle;

/// <summary>
/// The audit trail by age. audit_log is append-only (a trigger refuses UPDATE and DELETE); the one way past it is
/// audit_log_expire(cutoff, limit), which deletes only rows older than the cutoff it is given, in one batch.
/// </summary>
public sealed class AuditData(NpgsqlDataSource dataSource, TimeSpan policy) : IRetainedData
{
    public string Kind => "audit";

    public TimeSpan Policy => policy;

    public async Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT audit_log_expire($1, $2)");
        command.Parameters.Add(new() { Value = cutoff, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = limit, NpgsqlDbType = NpgsqlDbType.Integer });
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
