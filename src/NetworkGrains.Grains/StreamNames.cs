namespace NetworkGrains.Grains;

/// <summary>The stream provider the silo configures, and the namespaces on it.</summary>
public static class StreamNames
{
    public const string Provider = "ng";

    /// <summary>Every anomaly event, on one stream of this namespace (key <see cref="AllAnomalies"/>).</summary>
    public const string Anomalies = "anomalies";
    public const string AllAnomalies = "all";
}
