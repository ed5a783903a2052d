using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NetworkGrains.Silo.Health;
using NetworkGrains.Silo.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace NetworkGrains.Integration.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task Migrations_apply_once_and_provide_every_query_the_orleans_providers_require()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var migrator = new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance);

        var first = await migrator.MigrateAsync(CancellationToken.None);
        var second = await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(Directory.GetFiles(Path.Combine(Repository.Root, "src", "NetworkGrains.Silo", "Persistence", "Migrations"), "*.sql").Length, first.Count);
        Assert.Empty(second);
        string[] required =
        [
            "InsertMembershipVersionKey", "MembershipReadAllKey", "MembershipReadRowKey", "InsertMembershipKey",
            "UpdateMembershipKey", "UpdateIAmAlivetimeKey", "GatewaysQueryKey", "DeleteMembershipTableEntriesKey",
            "CleanupDefunctSiloEntriesKey", "ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey",
            "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
            "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
            "QueueStreamMessageKey", "GetStreamMessagesKey", "ConfirmStreamMessagesKey", "FailStreamMessageKey",
            "EvictStreamMessagesKey", "EvictStreamDeadLettersKey",
        ];
        foreach (var key in required)
            Assert.Equal(1, await database.ScalarAsync<long>($"SELECT count(*) FROM orleansquery WHERE querykey = '{key}'"));
    }

    [Fact]
    public async Task The_postgres_health_check_fails_when_the_database_does_not_answer()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var reachable = NpgsqlDataSource.Create(database.ConnectionString);
        await using var unreachable = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=postgres;Timeout=1");

        Assert.Equal(HealthStatus.Healthy, (await new PostgresHealthCheck(reachable).CheckHealthAsync(new())).Status);
        Assert.Equal(HealthStatus.Unhealthy, (await new PostgresHealthCheck(unreachable).CheckHealthAsync(new())).Status);
    }
}
