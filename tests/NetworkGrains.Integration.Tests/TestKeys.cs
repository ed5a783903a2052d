using Npgsql;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Integration.Tests;

/// <summary>API keys made the way `ngctl keys create` makes them, in a test's database (which the silo has migrated).</summary>
public static class TestKeys
{
    public static async Task<string> CreateAsync(string connectionString, params string[] roles)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var (_, secret) = await new ApiKeys(dataSource).CreateAsync($"tests-{string.Join('-', roles)}-{Guid.NewGuid():N}", roles);
        return secret;
    }
}
