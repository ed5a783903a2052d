using System.Collections.Concurrent;

namespace NetworkGrains.Grains.Models;

/// <summary>The bytes of uploaded datasets: PostgreSQL in the Postgres profile, memory in the default one.</summary>
public interface IDatasetStore
{
    Task Save(string name, byte[] csv, CancellationToken cancellationToken = default);

    Task<byte[]?> Load(string name, CancellationToken cancellationToken = default);

    Task Delete(string name, CancellationToken cancellationToken = default);
}

public sealed class MemoryDatasetStore : IDatasetStore
{
    private readonly ConcurrentDictionary<string, byte[]> _datasets = new(StringComparer.Ordinal);

    public Task Save(string name, byte[] csv, CancellationToken cancellationToken = default)
    {
        _datasets[name] = csv;
        return Task.CompletedTask;
    }

    public Task<byte[]?> Load(string name, CancellationToken cancellationToken = default) => Task.FromResult(_datasets.GetValueOrDefault(name));

    public Task Delete(string name, CancellationToken cancellationToken = default)
    {
        _datasets.TryRemove(name, out _);
        return Task.CompletedTask;
    }
}
