using NetworkGrains.Grains;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// A grain call a silo makes once it has started (the sweepers' Start). While the cluster is loaded or recovering
/// from a lost silo such a call can time out; as a startup task that failure would stop the silo (a rolling restart
/// under load would then fail), so it is made in the background and tried again until it succeeds or the silo stops.
/// </summary>
public static partial class StartupCalls
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(2);

    public static void Add(ISiloBuilder silo, string what, Func<IGrainFactory, Task> call) =>
        silo.AddStartupTask((IServiceProvider services, CancellationToken _) => Start(services, what, call));

    private static Task Start(IServiceProvider services, string what, Func<IGrainFactory, Task> call)
    {
        var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupCalls));
        var grains = services.GetRequiredService<IGrainFactory>();
        _ = Task.Run(() => RetryAsync(what, () => call(grains), logger, stopping), CancellationToken.None);
        return Task.CompletedTask;
    }

    private static async Task RetryAsync(string what, Func<Task> call, ILogger logger, CancellationToken stopping)
    {
        for (var attempt = 1; !stopping.IsCancellationRequested; attempt++)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception ex) when (TransientCalls.IsTransient(ex))
            {
                if (attempt == 1) LogRetrying(logger, ex, what);
            }
            try { await Task.Delay(Pause, stopping); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Starting {What} failed (the cluster is busy or recovering); trying again every 2 s")]
    private static partial void LogRetrying(ILogger logger, Exception ex, string what);
}
