using Microsoft.Extensions.Configuration;
using Npgsql;
using NetworkGrains.Silo.Hosting;

namespace NetworkGrains.Silo.Tests;

public sealed class PostgresConnectionStringTests
{
    private static string For(params (string Key, string Value)[] settings) => SiloSettings.PostgresConnectionString(
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build());

    private static int PoolSize(string connectionString) => new NpgsqlConnectionStringBuilder(connectionString).MaxPoolSize;

    [Fact]
    public void A_silos_pools_are_bounded_by_its_setting_or_by_default()
    {
        const string configured = "Host=127.0.0.1;Port=5432;Username=ng;Database=ng";
        Assert.Equal(20, PoolSize(For(("ConnectionStrings:Postgres", configured))));
        Assert.Equal(8, PoolSize(For(("ConnectionStrings:Postgres", configured), ("NetworkGrains:PostgresPoolSize", "8"))));
        Assert.Equal("ng", new NpgsqlConnectionStringBuilder(For(("ConnectionStrings:Postgres", configured))).Database);
    }

    [Theory]
    [InlineData("Maximum Pool Size=7")]
    [InlineData("maximum pool size=7")]
    [InlineData("MaxPoolSize=7")]
    public void A_bound_in_the_connection_string_wins(string bound) =>
        Assert.Equal(7, PoolSize(For(("ConnectionStrings:Postgres", $"Host=127.0.0.1;{bound}"), ("NetworkGrains:PostgresPoolSize", "8"))));

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    public void A_pool_size_out_of_range_is_refused_naming_the_key(string size)
    {
        var error = Assert.Throws<InvalidOperationException>(() => For(("ConnectionStrings:Postgres", "Host=127.0.0.1"), ("NetworkGrains:PostgresPoolSize", size)));
        Assert.Contains("NetworkGrains:PostgresPoolSize", error.Message);
    }
}
