using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Anomalies;
using Orleans.Runtime;

namespace NetworkGrains.Grains.Anomalies;

/// <summary>Resolves the open anomalies that have gone quiet (one grain, key <see cref="Key"/>, on a reminder every Anomalies:QuietCheck).</summary>
[Alias("ng.quiet-sweeper")]
public interface IQuietSweeperGrain : IGrainWithStringKey
{
    public const string Key = "quiet";

    /// <summary>Makes sure the reminder is registered (each silo calls it at start).</summary>
    [Alias("start")]
    Task Start();

    /// <summary>One sweep now: how many anomalies it resolved.</summary>
    [Alias("sweep")]
    Task<int> Sweep();
}

/// <summary>
/// One reminder for the whole cluster instead of one per open anomaly: the sweep asks the anomaly list for open
/// anomalies last seen longer ago than the quiet period, and each anomaly grain decides on its own state (the
/// list may lag a change by a moment), so a late signal is never overruled.
/// </summary>
public sealed partial class QuietSweeperGrain(IAnomalyLog log, IOptions<AnomalyOptions> options, TimeProvider clock, ILogger<QuietSweeperGrain> logger)
    : Grain, IQuietSweeperGrain, IRemindable
{
    private const string Reminder = "sweep";
    private const int PageSize = 500;
    private const int MaxPages = 200;

    public Task Start() => this.RegisterOrUpdateReminder(Reminder, options.Value.QuietCheck, options.Value.QuietCheck);

    public async Task<int> Sweep()
    {
        var before = clock.GetUtcNow() - options.Value.QuietPeriod;
        var resolved = 0;
        for (var page = 0; page < MaxPages; page++)
        {
            var candidates = await log.QuietOpen(before, PageSize);
            var outcomes = await Task.WhenAll(candidates.Select(id => GrainFactory.GetGrain<IAnomalyGrain>(id).ResolveIfQuiet()));
            resolved += outcomes.Count(r => r);
            if (candidates.Length < PageSize || !outcomes.Any(r => r)) break;
        }

        if (resolved > 0) LogSwept(resolved, options.Value.QuietPeriod);
        return resolved;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Sweep();

    [LoggerMessage(Level = LogLevel.Information, Message = "Resolved {Count} anomalies with no signal for {QuietPeriod}")]
    private partial void LogSwept(int count, TimeSpan quietPeriod);
}
