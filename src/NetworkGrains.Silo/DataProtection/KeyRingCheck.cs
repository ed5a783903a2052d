using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace NetworkGrains.Silo.DataProtection;

/// <summary>
/// At start, before any grain reads its state: each configured key must decrypt the check value this database
/// keeps for its id (the first silo to use an id writes it), and every key that grain state is sealed under must be
/// configured. A wrong or missing key stops the silo here with the key's id, not later with failed state reads.
/// </summary>
public static partial class KeyRingCheck
{
    public static async Task RunAsync(NpgsqlDataSource dataSource, KeyRing keys, string serviceId, ILogger logger, CancellationToken cancellationToken = default)
    {
        foreach (var id in keys.Ids) await CheckAsync(dataSource, keys, id, cancellationToken);

        var inUse = await StatesByKeyAsync(dataSource, serviceId, cancellationToken);
        if (inUse.Where(u => u.KeyId is { } id && !keys.Ids.Contains(id)).ToList() is { Count: > 0 } missing)
            throw new InvalidOperationException(
                $"{KeyRingFile.Section}: {string.Join(", ", missing.Select(m => $"{m.States} grain states are encrypted under key '{m.KeyId}'"))}, which is not configured " +
                $"(configured: {string.Join(", ", keys.Ids)}). Keep retired keys in the ring until no state uses them.");
        LogStates(logger, keys.CurrentId, string.Join(", ", inUse.Select(u => $"{u.KeyId ?? "none (written before encryption)"}: {u.States}")));
    }

    private static async Task CheckAsync(NpgsqlDataSource dataSource, KeyRing keys, string id, CancellationToken cancellationToken)
    {
        var expected = Encoding.UTF8.GetBytes($"networkgrains data-protection check {id}");
        await using (var insert = dataSource.CreateCommand("INSERT INTO data_protection_key (id, check_value) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING"))
        {
            insert.Parameters.AddWithValue(id);
            insert.Parameters.AddWithValue(keys.Protect(expected, id));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var select = dataSource.CreateCommand("SELECT check_value FROM data_protection_key WHERE id = $1");
        select.Parameters.AddWithValue(id);
        var stored = (byte[])(await select.ExecuteScalarAsync(cancellationToken))!;
        try
        {
            if (keys.Unprotect(stored).AsSpan().SequenceEqual(expected)) return;
        }
        catch (CryptographicException)
        {
        }
        throw new InvalidOperationException(
            $"{KeyRingFile.Section}: key '{id}' is not the key this database knows by that id (its check value does not decrypt with it). " +
            $"Configure the key file the data was written with ({KeyRingFile.Section}:KeyFile), or give a new key a new id.");
    }

    /// <summary>Grain states by the key they are sealed under (null: written before encryption); empty states are not counted.</summary>
    private static async Task<List<(string? KeyId, long States)>> StatesByKeyAsync(NpgsqlDataSource dataSource, string serviceId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT CASE WHEN substring(payload FROM 1 FOR $2) = $3 THEN convert_from(substring(payload FROM $2 + 2 FOR get_byte(payload, $2)), 'UTF8') END,
                   count(*)
            FROM orleans_storage WHERE service_id = $1 AND payload IS NOT NULL GROUP BY 1
            """);
        command.Parameters.AddWithValue(serviceId);
        command.Parameters.AddWithValue(KeyRing.Prefix.Length);
        command.Parameters.AddWithValue(KeyRing.Prefix);
        var counts = new List<(string? KeyId, long States)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) counts.Add((reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1)));
        return counts;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data protection: grain state is encrypted with AES-256-GCM under key {Current}; states by key: {States}")]
    private static partial void LogStates(ILogger logger, string current, string states);
}
