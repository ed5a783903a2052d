using System.ComponentModel.DataAnnotations;
namespace NetworkGrains.Grains.Anomalies;

/// <summary>Configuration section "Anomalies".</summary>
public sealed class AnomalyOptions
{
    public const string Section = "Anomalies";

    /// <summary>An open anomaly with no new signal for this long is resolved by the system.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan QuietPeriod { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the quiet sweep looks for open anomalies that have gone quiet (a reminder: at least a minute).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan QuietCheck { get; set; } = TimeSpan.FromMinutes(5);
}
