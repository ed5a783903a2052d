using Npgsql;

namespace NetworkGrains.Integration.Tests;

/// <summary>A fresh database on the PostgreSQL that scripts/test.sh started (NG_TEST_PG), dropped afterwards.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    public string Name { get; }
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable("NG_TEST_PG")
            ?? throw new InvalidOperationException("NG_TEST_PG is not set: run the tests with scripts/test.sh, which starts PostgreSQL.");
        var database = new TestDatabase(admin, $"ng_test_{Guid.NewGuid():N}");
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {database.Name}", connection);
        await create.ExecuteNonQueryAsync();
        return database;
    }

    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T));
    }

    /// <summary>Polls until the query returns at least <paramref name="expected"/>, or fails after the timeout.</summary>
    public async Task WaitForCountAsync(string sql, long expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        long actual = 0;
        while (DateTime.UtcNow < deadline)
        {
            actual = await ScalarAsync<long>(sql);
            if (actual >= expected) return;
            await Task.Delay(200);
        }
        Assert.Fail($"'{sql}' reached {actual}, expected {expected} within {timeout}");
    }

    /// <summary>
    /// Waits until the grain state of each device was written after its newest rollup rows: a device's flush writes
    /// its rollups, then its state, in a later transaction (so with a higher xmin).
    /// </summary>
    public Task WaitForDeviceStatesAfterRollupsAsync(IReadOnlyCollection<string> deviceIds, TimeSpan timeout) => WaitForCountAsync($"""
        SELECT count(*) FROM unnest(ARRAY['{string.Join("', '", deviceIds)}']) AS d(id)
        WHERE (SELECT max(s.xmin::text::bigint) FROM orleans_storage s WHERE s.grain_type = 'device' AND s.grain_id_ext = d.id)
            > (SELECT max(r.xmin::text::bigint) FROM telemetry_rollup r WHERE r.device_id = d.id)
        """, deviceIds.Count, timeout);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
