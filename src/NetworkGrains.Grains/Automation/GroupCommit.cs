namespace NetworkGrains.Grains.Automation;

/// <summary>
/// Grain state writes for a reentrant grain (one write at a time, as Orleans requires): each caller gets a write
/// that starts after its change, and every change made while a write is in flight shares the next one. Only for
/// use on the grain's own scheduler, which is single-threaded.
/// </summary>
public sealed class GroupCommit(Func<Task> write)
{
    private TaskCompletionSource? _next;
    private bool _writing;

    public Task WriteAsync()
    {
        var batch = _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_writing) _ = DrainAsync();
        return batch.Task;
    }

    private async Task DrainAsync()
    {
        _writing = true;
        while (_next is { } batch)
        {
            _next = null;
            try
            {
                await write();
                batch.SetResult();
            }
            catch (Exception ex)
            {
                batch.SetException(ex);
            }
        }

        _writing = false;
    }
}
