using Npgsql;
using NpgsqlTypes;
using NetworkGrains.Grains.Models;

namespace NetworkGrains.Silo.Persistence;

/// <summary>ml_dataset: uploaded CSV datasets by name (a new upload of a name replaces it).</summary>
public sealed class PostgresDatasetStore(NpgsqlDataSource dataSource) : IDatasetStore
{
    public async Task Save(string name, byte[] csv, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO ml_dataset (name, csv) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET csv = excluded.csv, updated_at = now()");
        command.Parameters.Add(new() { Value = name, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = csv, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<byte[]?> Load(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT csv FROM ml_dataset WHERE name = $1");
        command.Parameters.Add(new() { Value = name, NpgsqlDbType = NpgsqlDbType.Text });
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    public async Task Delete(string name, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM ml_dataset WHERE name = $1");
        command.Parameters.AddWithValue(name);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
