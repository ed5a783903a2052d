using NetworkGrains.Silo.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using NetworkGrains.Grains.DataLifecycle;
using NetworkGrains.Silo.DataLifecycle;
using NetworkGrains.Silo.Persistence;

namespace NetworkGrains.Integration.Tests.DataProtection;

/// <summary>The retention sweep on PostgreSQL with a clock the test moves: policies per kind, bounded batches, the audit trail's one way out.</summary>
public sealed class RetentionTests
{
    private static readonly DateTimeOffset Now = new(2033, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Rows_older_than_their_kinds_policy_go_in_bounded_batches_and_the_audit_trail_stays_append_only_for_the_rest()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
        await InsertAsync(database, "telemetry_rollup", [40, 40, 40, 40, 40, 5]);
        await InsertAsync(database, "snmp_trap", [11, 11, 9]);
        await InsertAsync(database, "flow_top", [2, 2, 2, 0]);
        await InsertAsync(database, "audit_log", [8 * 365, 8 * 365, 8 * 365, 6 * 365, 1]);

        var clock = new ManualClock(Now);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Retention:Rollups"] = "30.00:00:00",
            ["Retention:Traps"] = "10.00:00:00",
            ["Retention:FlowTalkers"] = "1.00:00:00",
            ["Retention:BatchSize"] = "2",
            ["Retention:MaxBatchesPerSweep"] = "2",
        }).Build();
        var services = new ServiceCollection().AddSingleton(dataSource);
        var retention = services.ReadSettings<RetentionOptions>(configuration, RetentionOptions.Section);
        PostgresDataKinds.Add(services, retention, TimeSpan.FromDays(30));
        await using var provider = services.BuildServiceProvider();
        var sweep = new RetentionSweep(provider.GetServices<IRetainedData>(), provider.GetRequiredService<IOptions<RetentionOptions>>(), clock);

        // Two batches of two at most per kind: the fifth old rollup waits for the next sweep.
        var first = await sweep.RunAsync();
        Assert.Equal(4, first["rollups"]);
        Assert.Equal(2, first["traps"]);
        Assert.Equal(3, first["flow_talkers"]);
        Assert.Equal(3, first["audit"]); // the default policy: 7 years
        var second = await sweep.RunAsync();
        Assert.Equal(1, second["rollups"]);
        Assert.Equal(0, second["traps"]);
        long[] left = [await Count(database, "telemetry_rollup"), await Count(database, "snmp_trap"), await Count(database, "flow_top"), await Count(database, "audit_log")];
        Assert.Equal([1, 1, 1, 2], left);

        // A month later the 5-day-old rollup is 35 days old.
        clock.Now = Now.AddDays(31);
        Assert.Equal(1, (await sweep.RunAsync())["rollups"]);

        // Outside the sweep, the audit trail can be neither changed nor deleted, old rows included.
        await InsertAsync(database, "audit_log", [9 * 365]);
        foreach (var statement in new[] { "DELETE FROM audit_log", $"DELETE FROM audit_log WHERE at < '{Now.AddYears(-7):O}'", "UPDATE audit_log SET summary = 'x'" })
        {
            var refused = await Assert.ThrowsAsync<PostgresException>(() => database.ScalarAsync<long>($"WITH x AS ({statement} RETURNING 1) SELECT count(*) FROM x"));
            Assert.Contains("append-only", refused.MessageText);
        }
        Assert.Equal(3, await Count(database, "audit_log"));
        // audit_log_expire deletes only what is older than the cutoff it is given.
        Assert.Equal(1, await database.ScalarAsync<long>($"SELECT audit_log_expire('{Now.AddYears(-7):O}', 100)"));
        Assert.Equal(2, await Count(database, "audit_log"));
    }

    private static Task<long> Count(TestDatabase database, string table) => database.ScalarAsync<long>($"SELECT count(*) FROM {table}");

    /// <summary>One row per age in days before <see cref="Now"/>.</summary>
    private static async Task InsertAsync(TestDatabase database, string table, int[] ageDays)
    {
        foreach (var (age, i) in ageDays.Select((a, i) => (a, i)))
        {
            var at = $"'{Now.AddDays(-age):O}'::timestamptz";
            var sql = table switch
            {
                "telemetry_rollup" => $"INSERT INTO telemetry_rollup VALUES ('edge-r', 'cpu', '', {at} + interval '{i} minutes', 1, 1, 1, 1, 1)",
                "snmp_trap" => $"INSERT INTO snmp_trap (device_id, received_at, source_address, version, trap_oid, kind, security_name, is_inform, varbinds) VALUES ('edge-r', {at}, '10.0.0.1', 'v2c', '1.3', 'linkDown', 'public', false, '[]')",
                "flow_top" => $"INSERT INTO flow_top (device_id, minute, part, dimension, talker, flows, packets, bytes, undercount_packets, undercount_bytes) VALUES ('edge-r', {at}, gen_random_uuid(), 'src', '10.0.0.{i}', 1, 1, 1, 0, 0)",
                _ => $"INSERT INTO audit_log (at, actor, roles, source, action, target, summary) VALUES ({at}, 'key:t', '{{admin}}', 'rest', 'PUT', '/x', '200')",
            };
            await database.ScalarAsync<long>($"WITH x AS ({sql} RETURNING 1) SELECT count(*) FROM x");
        }
    }
}
