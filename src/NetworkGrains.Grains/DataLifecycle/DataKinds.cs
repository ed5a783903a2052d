using System.ComponentModel.DataAnnotations;
namespace NetworkGrains.Grains.DataLifecycle;

/// <summary>A kind of a device's data kept outside its grain state (a table, or a log in memory): deletion on request.</summary>
public interface IDeviceData
{
    /// <summary>The kind's name in the purge answer, the audit trail and /metrics (rollups, traps, flow_talkers, anomalies, ...).</summary>
    string Kind { get; }

    /// <summary>Deletes every row of the device; how many there were.</summary>
    Task<long> PurgeDeviceAsync(string deviceId, CancellationToken cancellationToken = default);
}

/// <summary>A kind of data deleted by age: one retention policy, enforced by the retention sweep in bounded batches.</summary>
public interface IRetainedData
{
    string Kind { get; }

    /// <summary>How long rows are kept; zero or less keeps them for ever.</summary>
    TimeSpan Policy { get; }

    /// <summary>Deletes at most <paramref name="limit"/> rows older than <paramref name="cutoff"/>; how many it deleted.</summary>
    Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default);
}

/// <summary>Configuration section "Retention": the policy of each kind (a duration) and the sweep's pace.</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00")]
    public TimeSpan Rollups { get; set; } = TimeSpan.FromDays(395);
    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00")]
    public TimeSpan Traps { get; set; } = TimeSpan.FromDays(90);
    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00")]
    public TimeSpan FlowTalkers { get; set; } = TimeSpan.FromDays(30);
    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00")]
    public TimeSpan Anomalies { get; set; } = TimeSpan.FromDays(365);
    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00")]
    public TimeSpan Audit { get; set; } = TimeSpan.FromDays(7 * 365 + 2);
    [Range(typeof(TimeSpan), "00:00:00", "36500.00:00:00")]
    public TimeSpan Datasets { get; set; } = TimeSpan.FromDays(365);

    /// <summary>How often the sweep runs (a reminder: at least a minute).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Rows one statement deletes at most.</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 1000;

    /// <summary>Batches per kind per sweep at most: what is left waits for the next sweep.</summary>
    [Range(1, 1_000_000)]
    public int MaxBatchesPerSweep { get; set; } = 100;
}
