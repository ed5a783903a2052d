namespace NetworkGrains.Grains.DataLifecycle;

/// <summary>
/// One pass of the retention policies: for each kind with a policy, rows older than now minus the policy go in
/// batches of <see cref="RetentionOptions.BatchSize"/>, at most <see cref="RetentionOptions.MaxBatchesPerSweep"/>
/// batches a kind (the rest waits for the next pass), each counted in ng_deleted_rows{kind, reason="retention"}.
/// </summary>
public sealed class RetentionSweep(IEnumerable<IRetainedData> kinds, Microsoft.Extensions.Options.IOptions<RetentionOptions> options, TimeProvider clock)
{
    public async Task<IReadOnlyDictionary<string, long>> RunAsync(CancellationToken cancellationToken = default)
    {
        var (batch, maxBatches) = (options.Value.BatchSize, options.Value.MaxBatchesPerSweep);
        var deleted = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var kind in kinds.Where(k => k.Policy > TimeSpan.Zero))
        {
            var cutoff = clock.GetUtcNow() - kind.Policy;
            long total = 0;
            for (var i = 0; i < maxBatches; i++)
            {
                var rows = await kind.DeleteOlderThanAsync(cutoff, batch, cancellationToken);
                total += rows;
                NetworkGrainsMetrics.RowsDeleted.Add(rows, new("kind", kind.Kind), new("reason", "retention"));
                if (rows < batch) break;
            }
            deleted[kind.Kind] = total;
        }
        return deleted;
    }
}
