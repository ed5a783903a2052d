using System.ComponentModel.DataAnnotations;
namespace NetworkGrains.Grains.Inference;

/// <summary>Configuration section "Inference".</summary>
public sealed class InferenceOptions
{
    public const string Section = "Inference";

    /// <summary>How long a worker keeps a small batch open for other calls to join.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan FlushDelay { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>A batch this size (rows) runs at once, without waiting.</summary>
    [Range(1, 1_000_000)]
    public int FlushRows { get; set; } = 256;

    /// <summary>The most rows one call may carry.</summary>
    [Range(1, 10_000_000)]
    public int MaxRowsPerCall { get; set; } = 65_536;

    /// <summary>
    /// ONNX Runtime sessions per (model, version) in a silo, made as workers need them: at most one worker runs on
    /// each. Lower it to save memory with large models on a machine of many cores.
    /// </summary>
    [Range(1, 1_024)]
    public int SessionsPerVersion { get; set; } = Environment.ProcessorCount;

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RoutingRefresh { get; set; } = TimeSpan.FromSeconds(2);
}
