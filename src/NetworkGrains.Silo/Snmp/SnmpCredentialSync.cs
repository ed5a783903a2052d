using NetworkGrains.Grains.Snmp;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// Keeps this silo's <see cref="SnmpCredentials"/> equal to the API-created credentials in the cluster's store: at
/// start (before traps are decoded with them) and every <see cref="Interval"/>, so a change made through another
/// silo arrives here too. A change made through this silo is applied at once by the API.
/// </summary>
public sealed partial class SnmpCredentialSync(
    SnmpCredentials credentials, IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<SnmpCredentialSync> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult())) await started.Task.WaitAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval);
        try
        {
            do
            {
                try
                {
                    await ReloadAsync(credentials, grains);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogReloadFailed(ex);
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public static async Task ReloadAsync(SnmpCredentials credentials, IGrainFactory grains) =>
        credentials.Replace(await grains.GetGrain<ISnmpCredentialStoreGrain>(ISnmpCredentialStoreGrain.Key).All());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the API-created SNMP credentials failed; the previous ones stay in use")]
    private partial void LogReloadFailed(Exception ex);
}
