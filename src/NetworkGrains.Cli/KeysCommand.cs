using Npgsql;
using NetworkGrains.Abstractions.Security;
using NetworkGrains.Silo.Api;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Cli;

/// <summary>
/// ngctl keys create|list|revoke: the REST API's keys, straight in PostgreSQL (--postgres or ConnectionStrings__Postgres),
/// so the first admin key needs no key. A new key is printed once; only its hash is kept.
/// </summary>
public static class KeysCommand
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(3650);

    public static async Task<int> CreateAsync(CommandLine options)
    {
        var name = (options.Text("name") ?? throw new UsageException("--name is required"));
        var roles = (options.Text("roles") ?? throw new UsageException("--roles is required (comma-separated)")).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var lifetime = Lifetime(options.Text("expires"));
        await using var keys = Open(options);
        options.EnsureAllRead();
        if (roles.FirstOrDefault(r => !Permissions.ByRole.ContainsKey(r)) is { } unknown)
            throw new UsageException($"unknown role {unknown}; roles: {string.Join(", ", Permissions.Roles)}");
        try
        {
            var (key, secret) = await keys.Keys.CreateAsync(name, roles, lifetime);
            Console.WriteLine(secret);
            var expiry = key.ExpiresAt is { } at ? $", expires {at:yyyy-MM-dd HH:mm:ss}Z" : "";
            Console.Error.WriteLine($"key {key.Name} ({key.Id}) with roles {string.Join(", ", key.Roles)}{expiry}: shown once, keep it now");
            return 0;
        }
        catch (InvalidOperationException ex)
        {
            Console.Error.WriteLine($"ngctl: {ex.Message}");
            return 1;
        }
    }

    public static async Task<int> ListAsync(CommandLine options)
    {
        await using var keys = Open(options);
        options.EnsureAllRead();
        Console.WriteLine($"{"NAME",-24} {"ID",-12} {"ROLES",-40} {"CREATED",-20} {"EXPIRES",-20} REVOKED");
        foreach (var key in await keys.Keys.ListAsync())
            Console.WriteLine($"{key.Name,-24} {key.Id,-12} {string.Join(",", key.Roles),-40} {key.CreatedAt:yyyy-MM-dd HH:mm:ss} {Time(key.ExpiresAt),-20} {Time(key.RevokedAt)}");
        return 0;
    }

    /// <summary>--expires 90d (also s, m, h): the key's lifetime, at most ten years; none without the option.</summary>
    public static TimeSpan? Lifetime(string? text)
    {
        if (text is null) return null;
        var errors = new ValidationErrors();
        return QueryValues.Duration(text, "expires", MaxLifetime, errors)
            ?? throw new UsageException($"--expires {string.Join("; ", errors.ToDictionary()["expires"])}");
    }

    private static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "-";

    public static async Task<int> RevokeAsync(CommandLine options)
    {
        var name = (options.Text("name") ?? throw new UsageException("--name is required"));
        await using var keys = Open(options);
        options.EnsureAllRead();
        if (await keys.Keys.RevokeAsync(name))
        {
            Console.WriteLine($"revoked {name}");
            return 0;
        }

        Console.Error.WriteLine($"ngctl: no unrevoked key named {name}");
        return 1;
    }

    private static KeyStore Open(CommandLine options)
    {
        var connection = options.Text("postgres") ?? Environment.GetEnvironmentVariable("ConnectionStrings__Postgres");
        if (string.IsNullOrEmpty(connection)) throw new UsageException("--postgres CONNECTION-STRING (or ConnectionStrings__Postgres) is required");
        var dataSource = NpgsqlDataSource.Create(connection);
        return new KeyStore(dataSource, new ApiKeys(dataSource));
    }

    private sealed record KeyStore(NpgsqlDataSource DataSource, ApiKeys Keys) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => DataSource.DisposeAsync();
    }
}
