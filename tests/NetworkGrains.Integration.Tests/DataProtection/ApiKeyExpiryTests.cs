using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using NetworkGrains.Silo.Persistence;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Integration.Tests.DataProtection;

public sealed class ApiKeyExpiryTests
{
    [Fact]
    public async Task A_key_made_for_90_days_works_until_then_and_is_refused_like_a_revoked_one_after()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await new PostgresMigrator(dataSource, NullLogger<PostgresMigrator>.Instance).MigrateAsync(CancellationToken.None);
        var clock = new ManualClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        var keys = new ApiKeys(dataSource, clock);

        var (expiring, secret) = await keys.CreateAsync("ops-90d", ["operator"], TimeSpan.FromDays(90));
        var (_, lasting) = await keys.CreateAsync("ops-forever", ["operator"]);
        var (_, revoked) = await keys.CreateAsync("ops-revoked", ["operator"]);
        Assert.True(await keys.RevokeAsync("ops-revoked"));

        Assert.Equal(clock.Now.AddDays(90), expiring.ExpiresAt);
        Assert.Equal(clock.Now.AddDays(90), (await keys.ListAsync()).Single(k => k.Name == "ops-90d").ExpiresAt);
        clock.Now = clock.Now.AddDays(90).AddSeconds(-1);
        Assert.Equal("ops-90d", (await keys.VerifyAsync(secret))?.Name);

        clock.Now = clock.Now.AddSeconds(1);
        Assert.Null(await keys.VerifyAsync(secret));
        Assert.Null(await keys.VerifyAsync(revoked));
        Assert.Equal("ops-forever", (await keys.VerifyAsync(lasting))?.Name);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => keys.CreateAsync("ops-past", ["operator"], TimeSpan.Zero));
    }
}
