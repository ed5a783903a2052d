using Npgsql;
using NpgsqlTypes;
using NetworkGrains.Grains.Models;

namespace NetworkGrains.Silo.Persistence;

/// <summary>model_artifact: a version's bytes are written once; re-registering after a crash overwrites the same version.</summary>
public sealed class PostgresModelArtifactStore(NpgsqlDataSource dataSource) : IModelArtifactStore
{
    public async Task Save(ModelArtifact artifact, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO model_artifact (model, version, onnx, sha256, signature) VALUES ($1, $2, $3, $4, $5) " +
            "ON CONFLICT (model, version) DO UPDATE SET onnx = excluded.onnx, sha256 = excluded.sha256, signature = excluded.signature, created_at = now()");
        command.Parameters.Add(new() { Value = artifact.Model, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = artifact.Version, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = artifact.Onnx, NpgsqlDbType = NpgsqlDbType.Bytea });
        command.Parameters.Add(new() { Value = artifact.Sha256, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = artifact.Signature, NpgsqlDbType = NpgsqlDbType.Bytea });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ModelArtifact?> Load(string model, int version, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand("SELECT onnx, sha256, signature FROM model_artifact WHERE model = $1 AND version = $2");
        command.Parameters.Add(new() { Value = model, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = version, NpgsqlDbType = NpgsqlDbType.Integer });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new ModelArtifact(model, version, reader.GetFieldValue<byte[]>(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2));
    }
}
