using System.Threading.Channels;
using Npgsql;

namespace NetworkGrains.Silo.Persistence;

/// <summary>
/// A table written behind its producers: a bounded queue drained by one writer in binary COPY batches, so that
/// delivery never waits for the database. A batch that fails is retried after a pause; what is still queued when the
/// process dies is lost (the device grains hold the newest items until they deactivate). A producer that must know
/// when its items are on disk (an inform's acknowledgement) passes a completion, set once their batch is committed.
/// </summary>
public abstract partial class CopyWriteBehind<T>(ILogger logger, string table) : BackgroundService
{
    private const int QueueCapacity = 200_000;
    private const int MaxBatch = 10_000;
    private readonly Channel<Queued> _queue =
        Channel.CreateBounded<Queued>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });

    /// <summary>Queues a device's items (oldest first); false when the queue is full (the caller counts the drop).</summary>
    public bool TryAppend(string deviceId, IReadOnlyList<T> items) => TryAppend(deviceId, items, null);

    /// <summary>
    /// Queues a device's items (oldest first); false when the queue is full (the caller counts the drop, and
    /// <paramref name="written"/> is never set). One writer takes the queue in order, so <paramref name="written"/>
    /// rides with the last item: when that one's batch is committed, so are the others.
    /// </summary>
    public bool TryAppend(string deviceId, IReadOnlyList<T> items, TaskCompletionSource? written)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (!_queue.Writer.TryWrite(new Queued(deviceId, items[i], i == items.Count - 1 ? written : null))) return false;
        }
        if (items.Count == 0) written?.TrySetResult();
        return true;
    }

    /// <summary>
    /// A time as PostgreSQL keeps it (microseconds): "received before the first one held in memory" must compare the
    /// stored times with this, or the first one itself, stored a few ticks earlier, would be read back as older.
    /// </summary>
    public static DateTimeOffset Microseconds(DateTimeOffset time) => time.AddTicks(-(time.Ticks % 10));

    protected abstract Task CopyAsync(List<(string DeviceId, T Item)> batch);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<(string DeviceId, T Item)>(MaxBatch);
        var written = new List<TaskCompletionSource>();
        // Drain until the queue is completed at shutdown, so what was queued before the stop is written.
        using var registration = stoppingToken.Register(() => _queue.Writer.TryComplete());
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var queued))
            {
                batch.Add((queued.DeviceId, queued.Item));
                if (queued.Written is { } completion) written.Add(completion);
            }
            while (true)
            {
                try
                {
                    await CopyAsync(batch);
                    break;
                }
                catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
                {
                    LogWriteFailed(logger, ex, batch.Count, table);
                    await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
                }
            }
            foreach (var completion in written) completion.TrySetResult();
            batch.Clear();
            written.Clear();
        }
    }

    private readonly record struct Queued(string DeviceId, T Item, TaskCompletionSource? Written);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing {Count} rows to {Table} failed; retrying")]
    private static partial void LogWriteFailed(ILogger logger, Exception ex, int count, string table);
}
