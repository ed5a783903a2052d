namespace NetworkGrains.Grains.Devices;

/// <summary>Where closed one-minute rollups go: PostgreSQL in the Postgres profile, nowhere in memory.</summary>
public interface IRollupSink
{
    /// <summary>False when rollups only live in the grains (the default profile): nothing is collected then.</summary>
    bool IsDurable { get; }

    /// <summary>Completes once the rows are durably stored; a row for an existing minute replaces it.</summary>
    Task WriteAsync(IReadOnlyList<RollupRow> rows, CancellationToken cancellationToken);
}

public sealed class NoRollupSink : IRollupSink
{
    public bool IsDurable => false;
    public Task WriteAsync(IReadOnlyList<RollupRow> rows, CancellationToken cancellationToken) => Task.CompletedTask;
}
