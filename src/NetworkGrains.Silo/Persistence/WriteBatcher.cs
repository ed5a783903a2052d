namespace NetworkGrains.Silo.Persistence;

/// <summary>
/// Writes for many concurrent callers in as few statements as the load calls for: while one batch is being
/// written, new items queue, and then go together (at most <paramref name="maxBatch"/> a statement). A caller's task
/// completes when its item is written, or fails with the batch's error. No timer: a lone item goes at once.
/// </summary>
public sealed class WriteBatcher<T>(Func<IReadOnlyList<T>, Task> write, int maxBatch)
{
    private readonly Lock _gate = new();
    private List<(T Item, TaskCompletionSource Done)> _queue = [];
    private bool _writing;

    public Task Enqueue(T item)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _queue.Add((item, done));
            if (_writing) return done.Task;
            _writing = true;
        }

        _ = Task.Run(DrainAsync);
        return done.Task;
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            List<(T Item, TaskCompletionSource Done)> queued;
            lock (_gate)
            {
                if (_queue.Count == 0)
                {
                    _writing = false;
                    return;
                }

                (queued, _queue) = (_queue, []);
            }

            foreach (var batch in queued.Chunk(maxBatch))
            {
                try
                {
                    await write([.. batch.Select(b => b.Item)]);
                    foreach (var (_, done) in batch) done.SetResult();
                }
                catch (Exception ex)
                {
                    foreach (var (_, done) in batch) done.SetException(ex);
                }
            }
        }
    }
}
