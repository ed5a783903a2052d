using System.Security.Cryptography;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace NetworkGrains.Silo.Security;

/// <summary>An API key as listed: never its secret.</summary>
public sealed record ApiKeyInfo(string Id, string Name, string[] Roles, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt, DateTimeOffset? ExpiresAt = null);

/// <summary>
/// API keys in PostgreSQL (table api_key). A key reads "ngk_{id}_{secret}": the id finds the row, and only a SHA-256
/// of the 32 random bytes of the secret is stored, compared in constant time. The whole key is shown once, at creation.
/// A key made with a lifetime expires: from then on it is refused exactly like a revoked one.
/// </summary>
public sealed class ApiKeys(NpgsqlDataSource dataSource, TimeProvider? clock = null)
{
    private const string Prefix = "ngk_";
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    public async Task<(ApiKeyInfo Key, string Secret)> CreateAsync(string name, string[] roles, TimeSpan? lifetime = null, CancellationToken cancellationToken = default)
    {
        if (lifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(lifetime), "a key's lifetime must be positive");
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var created = _clock.GetUtcNow();
        var expires = created + lifetime;
        await using var command = dataSource.CreateCommand("INSERT INTO api_key (id, name, secret_hash, roles, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)");
        command.Parameters.Add(new() { Value = id, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = name, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = Hash(secret), NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = roles, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = created, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new() { Value = expires is { } at ? at : DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new InvalidOperationException($"a key named {name} exists");
        }

        return (new ApiKeyInfo(id, name, roles, created, null, expires), $"{Prefix}{id}_{secret}");
    }

    public async Task<ApiKeyInfo[]> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT id, name, roles, created_at, revoked_at, expires_at FROM api_key ORDER BY name");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var keys = new List<ApiKeyInfo>();
        while (await reader.ReadAsync(cancellationToken))
            keys.Add(new ApiKeyInfo(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2), reader.GetFieldValue<DateTimeOffset>(3),
                NullableTime(reader, 4), NullableTime(reader, 5)));
        return [.. keys];
    }

    /// <summary>Revokes the key with this name or id; false when there is no such unrevoked key.</summary>
    public async Task<bool> RevokeAsync(string nameOrId, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("UPDATE api_key SET revoked_at = now() WHERE (name = $1 OR id = $1) AND revoked_at IS NULL");
        command.Parameters.Add(new() { Value = nameOrId, NpgsqlDbType = NpgsqlDbType.Text });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    /// <summary>
    /// The key's name and roles if <paramref name="presented"/> is a valid key, neither revoked nor expired; null
    /// otherwise. One indexed read: a revocation counts at once.
    /// </summary>
    public async Task<ApiKeyInfo?> VerifyAsync(string presented, CancellationToken cancellationToken = default)
    {
        var parts = presented.StartsWith(Prefix, StringComparison.Ordinal) ? presented[Prefix.Length..].Split('_', 2) : [];
        if (parts.Length != 2 || parts[0].Length != 12 || parts[1].Length is 0 or > 64) return null;
        await using var command = dataSource.CreateCommand("SELECT name, secret_hash, roles, created_at, expires_at FROM api_key WHERE id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)");
        command.Parameters.Add(new() { Value = parts[0], NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = _clock.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var stored = reader.GetFieldValue<byte[]>(1);
        return CryptographicOperations.FixedTimeEquals(stored, Hash(parts[1]))
            ? new ApiKeyInfo(parts[0], reader.GetString(0), reader.GetFieldValue<string[]>(2), reader.GetFieldValue<DateTimeOffset>(3), null, NullableTime(reader, 4))
            : null;
    }

    /// <summary>The unrevoked key with this id (what a console session signed in with); null once it is revoked or has expired. One indexed read: a revocation counts at once.</summary>
    public async Task<ApiKeyInfo?> FindActiveAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT name, roles, created_at, expires_at FROM api_key WHERE id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $2)");
        command.Parameters.Add(new() { Value = id, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = _clock.GetUtcNow(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ApiKeyInfo(id, reader.GetString(0), reader.GetFieldValue<string[]>(1), reader.GetFieldValue<DateTimeOffset>(2), null, NullableTime(reader, 3))
            : null;
    }

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetFieldValue<DateTimeOffset>(column);

    private static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
