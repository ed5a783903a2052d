using Npgsql;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Silo.Persistence;

/// <summary>Reads the one-minute rollups the device grains wrote behind.</summary>
public sealed class PostgresRollupReader(NpgsqlDataSource dataSource) : IRollupReader
{
    public async Task<IReadOnlyList<RollupPoint>> ReadAsync(
        string deviceId, string metric, string? instance, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT minute, min, max, mean, count, last FROM telemetry_rollup
            WHERE device_id = $1 AND metric = $2 AND instance = $3 AND minute >= $4 AND minute <= $5
            ORDER BY minute
            """);
        command.Parameters.AddWithValue(deviceId);
        command.Parameters.AddWithValue(metric);
        command.Parameters.AddWithValue(instance ?? "");
        command.Parameters.AddWithValue(from.UtcDateTime);
        command.Parameters.AddWithValue(to.UtcDateTime);
        var points = new List<RollupPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new RollupPoint(
                new DateTimeOffset(reader.GetDateTime(0), TimeSpan.Zero), reader.GetDouble(1), reader.GetDouble(2),
                reader.GetDouble(3), reader.GetInt32(4), reader.GetDouble(5)));
        }
        return points;
    }
}

/// <summary>Rollups older than what device grains hold; none in the default profile.</summary>
public interface IRollupReader
{
    Task<IReadOnlyList<RollupPoint>> ReadAsync(
        string deviceId, string metric, string? instance, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}

public sealed class NoRollupReader : IRollupReader
{
    public Task<IReadOnlyList<RollupPoint>> ReadAsync(
        string deviceId, string metric, string? instance, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<RollupPoint>>([]);
}
