using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime;

namespace NetworkGrains.Grains.DataLifecycle;

/// <summary>The cluster's one retention sweep (key <see cref="Key"/>), on a reminder every Retention:SweepInterval.</summary>
[Alias("ng.retention-sweeper")]
public interface IRetentionSweepGrain : IGrainWithStringKey
{
    public const string Key = "retention";

    /// <summary>Makes sure the reminder is registered and sweeps once in the background (each silo calls it at start).</summary>
    [Alias("start")]
    Task Start();

    /// <summary>One pass now: rows deleted by kind.</summary>
    [Alias("sweep")]
    Task<Dictionary<string, long>> Sweep();
}

public sealed partial class RetentionSweepGrain(RetentionSweep sweep, IOptions<RetentionOptions> options, ILogger<RetentionSweepGrain> logger)
    : Grain, IRetentionSweepGrain, IRemindable
{
    private const string Reminder = "retention";

    public async Task Start()
    {
        await this.RegisterOrUpdateReminder(Reminder, options.Value.SweepInterval, options.Value.SweepInterval);
        _ = SweepInBackground(); // a silo's start does not wait for deletions
    }

    private async Task SweepInBackground()
    {
        try
        {
            await Sweep();
        }
        catch (Exception ex)
        {
            LogSweepFailed(ex);
        }
    }

    public async Task<Dictionary<string, long>> Sweep()
    {
        var deleted = await sweep.RunAsync();
        if (deleted.Values.Any(rows => rows > 0)) LogSwept(string.Join(", ", deleted.Select(d => $"{d.Key} {d.Value}")));
        return new Dictionary<string, long>(deleted);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Sweep();

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention sweep deleted: {Deleted}")]
    private partial void LogSwept(string deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention sweep at start failed; the reminder tries again")]
    private partial void LogSweepFailed(Exception ex);
}
