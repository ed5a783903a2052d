namespace NetworkGrains.Silo.Hosting;

public static class ListenerStart
{
    /// <summary>Listeners start taking packets once the silo is up: what they receive needs grains.</summary>
    public static async Task WaitForSiloAsync(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
    }
}
