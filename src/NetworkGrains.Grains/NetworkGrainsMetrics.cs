using System.Diagnostics.Metrics;

namespace NetworkGrains.Grains;

/// <summary>The product's own meter; the silo exports it on /metrics.</summary>
public static class NetworkGrainsMetrics
{
    public const string MeterName = "NetworkGrains";
    internal static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> RowsDeleted =
        Meter.CreateCounter<long>("ng_deleted_rows", description: "Rows (and grain states) deleted, by kind and reason (retention, purge)");
    public static readonly Counter<long> ReadingsAccepted =
        Meter.CreateCounter<long>("ng_readings_accepted", description: "Readings taken into device windows");
    public static readonly Counter<long> ReadingsDropped =
        Meter.CreateCounter<long>("ng_readings_dropped", description: "Readings not stored, by reason");
    public static readonly Counter<long> RollupsWritten =
        Meter.CreateCounter<long>("ng_rollups_written", description: "One-minute rollup rows written behind");
    public static readonly Counter<long> FlushFailures =
        Meter.CreateCounter<long>("ng_device_flush_failures", description: "Device state or rollup writes that failed and will be retried");
    public static readonly Counter<long> Polls =
        Meter.CreateCounter<long>("ng_device_polls", description: "Device polls, by outcome");
    public static readonly Counter<long> UnknownSources =
        Meter.CreateCounter<long>("ng_unknown_sources", description: "Packets from addresses not in the inventory, by outcome");
    public static readonly Counter<long> DetectorVerdicts =
        Meter.CreateCounter<long>("ng_detector_verdicts", description: "Points the device detectors scored at or above their threshold");
    public static readonly Counter<long> DetectorValuesSkipped =
        Meter.CreateCounter<long>("ng_detector_values_skipped", description: "Stored points the device detectors neither scored nor learnt: no measurement (NaN, infinite, or beyond 1e15 in magnitude)");
    public static readonly Counter<long> MultivariateFailures =
        Meter.CreateCounter<long>("ng_multivariate_failures", description: "Device rows the multivariate model could not score (no production version, unusable artifact, wrong features)");
    public static readonly Counter<long> AnomaliesInhibited =
        Meter.CreateCounter<long>("ng_anomalies_inhibited", description: "Traffic-drop signals not raised because the interface's link is down");
    public static readonly Counter<long> ModelIntegrityFailures =
        Meter.CreateCounter<long>("ng_model_integrity_failures", description: "Model artifacts refused at load (hash or signature), by model and version");
    public static readonly Counter<long> AnomalyEvents =
        Meter.CreateCounter<long>("ng_anomaly_events", description: "Anomaly changes published on the anomalies stream, by kind (opened, updated, status_changed, resolved) and severity");
    public static readonly Counter<long> ActionsRun =
        Meter.CreateCounter<long>("ng_actions_run", description: "Rule and workflow actions run, by source (rule, workflow), type and outcome");
}
