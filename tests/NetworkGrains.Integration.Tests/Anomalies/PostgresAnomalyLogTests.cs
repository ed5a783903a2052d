using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Silo.Persistence;

namespace NetworkGrains.Integration.Tests.Anomalies;

/// <summary>The anomaly list in PostgreSQL: concurrent upserts share statements and the last change of each anomaly wins.</summary>
public sealed class PostgresAnomalyLogTests
{
    private static readonly DateTimeOffset T0 = DateTimeOffset.UtcNow.AddHours(-3);

    [Fact]
    public async Task Concurrent_upserts_are_all_written_with_each_anomalys_last_change_and_quiet_ones_are_found()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var log = new PostgresAnomalyLog(dataSource);

        // 2,000 anomalies, each written three times (count 1, 2, 3) from many callers at once.
        await Task.WhenAll(Enumerable.Range(0, 2_000).Select(i => Task.Run(async () =>
        {
            for (var count = 1; count <= 3; count++) await log.Upsert(Anomaly($"a{i}", T0.AddMinutes(i % 120), count, i % 10 == 0 ? AnomalyStatus.Resolved : AnomalyStatus.Detected));
        })));

        Assert.Equal(2_000, await database.ScalarAsync<long>("SELECT count(*) FROM anomaly"));
        Assert.Equal(2_000, await database.ScalarAsync<long>("SELECT count(*) FROM anomaly WHERE (doc->>'count')::int = 3"));
        var (page, total) = await log.Query(new AnomalyQuery(null, AnomalyStatus.Resolved, null, null, 1, 10));
        Assert.Equal((200, 10), (total, page.Length));

        var quiet = await log.QuietOpen(T0.AddMinutes(60), 5_000);
        Assert.Equal(Enumerable.Range(0, 2_000).Count(i => i % 120 < 60 && i % 10 != 0), quiet.Length);
        Assert.Equal(5, (await log.QuietOpen(T0.AddMinutes(60), 5)).Length);
    }

    [Fact]
    public async Task Open_anomalies_are_counted_by_device_and_severity_as_the_memory_list_counts_them()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
        IAnomalyLog[] logs = [new PostgresAnomalyLog(dataSource), new MemoryAnomalyLog()];
        var anomalies = Enumerable.Range(0, 60).Select(i => Anomaly($"a{i}", T0, 1, (AnomalyStatus)(i % 4)) with
        { DeviceId = $"edge-{i % 3}", Severity = (AnomalySeverity)(i / 3 % 4) }).ToArray();
        foreach (var log in logs) await Task.WhenAll(anomalies.Select(a => log.Upsert(a)));

        var counts = await Task.WhenAll(logs.Select(log => log.OpenCounts(["edge-0", "edge-2", "edge-9"])));

        var expected = new[] { "edge-0", "edge-2" }.ToDictionary(d => d, d => Enum.GetValues<AnomalySeverity>()
            .Select(s => anomalies.Count(a => a.DeviceId == d && a.Severity == s && a.IsOpen)).ToArray());
        Assert.All(counts, c => Assert.Equal(expected, c));
        Assert.Equal(20, expected.Values.Sum(v => v.Sum())); // detected and investigating of 40 anomalies on the two devices
    }

    [Fact]
    public async Task A_failed_batch_fails_its_callers_instead_of_losing_them_silently()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString); // no migration: there is no anomaly table
        var log = new PostgresAnomalyLog(dataSource);

        await Assert.ThrowsAsync<PostgresException>(() => log.Upsert(Anomaly("a1", T0, 1, AnomalyStatus.Detected)));
    }

    private static Anomaly Anomaly(string id, DateTimeOffset lastSeen, int count, AnomalyStatus status) => new(id, "edge", "cpu", null, AnomalyCategory.Cpu,
        AnomalySeverity.High, 0.9999, 0.9999, status, lastSeen, lastSeen, count, 95, [], [], null, "ngcompact");
}
