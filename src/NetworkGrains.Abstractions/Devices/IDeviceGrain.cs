namespace NetworkGrains.Abstractions.Devices;

/// <summary>One network device, keyed by its device id. Register devices through <see cref="IDeviceCatalogGrain"/>.</summary>
[Alias("ng.device")]
public interface IDeviceGrain : IGrainWithStringKey
{
    [Alias("get-record")]
    Task<DeviceRecord?> GetRecord();

    /// <summary>Called by the directory; use <see cref="IDeviceCatalogGrain.Register"/> instead.</summary>
    [Alias("configure")]
    Task Configure(DeviceRecord record);

    [Alias("ingest")]
    Task<IngestResult> Ingest(TelemetryBatch batch);

    /// <summary>The newest verdicts of the device's detectors (at most 100 kept), newest first.</summary>
    [Alias("get-verdicts")]
    Task<DetectorVerdict[]> GetVerdicts(int last);

    [Alias("get-series")]
    Task<SeriesSummary[]> GetSeries();

    [Alias("get-raw")]
    Task<TelemetryPoint[]> GetRaw(string metric, string? instance, DateTimeOffset from, DateTimeOffset to);

    /// <summary>One-minute rollups still held by the grain (the minutes its window covers).</summary>
    [Alias("get-rollups")]
    Task<RollupPoint[]> GetRollups(string metric, string? instance, DateTimeOffset from, DateTimeOffset to);

    /// <summary>Starts (or, with null, stops) polling the device; the schedule survives restarts.</summary>
    [Alias("set-polling")]
    Task SetPolling(PollingProfile? profile);

    [Alias("get-polling")]
    Task<PollingProfile?> GetPolling();

    /// <summary>
    /// SNMP SET on the device with its polling profile's version and credential (for automation rules, e.g.
    /// sysContact or ifAdminStatus). ConflictProblem when the device has no polling profile; throws when the agent does not answer.
    /// </summary>
    [Alias("snmp-set")]
    Task<SnmpSetResult> SnmpSet(SnmpSetValue[] values);

    /// <summary>SNMP GET on the device with its polling credential (a workflow verifying a change): each OID's value as text.</summary>
    [Alias("snmp-get")]
    Task<string[]> SnmpGet(string[] oids);

    /// <summary>Keeps traps, oldest first (the newest 1,000 are kept). The receiver sends what queued up together.</summary>
    [Alias("record-traps")]
    Task RecordTraps(TrapEvent[] traps);

    /// <summary>The newest <paramref name="last"/> traps, newest first.</summary>
    [Alias("get-traps")]
    Task<TrapEvent[]> GetTraps(int last);

    /// <summary>Keeps syslog messages, oldest first (the newest 1,000 are kept); typed events raise anomalies, and message rates join the windows.</summary>
    [Alias("record-syslog")]
    Task RecordSyslog(SyslogEntry[] entries);

    /// <summary>The newest messages that match <paramref name="query"/>, newest first.</summary>
    [Alias("get-syslog")]
    Task<SyslogEntry[]> GetSyslog(SyslogQuery query);

    /// <summary>
    /// One aggregation interval of flows exported by this device: the per-interface rates join the windows
    /// (flowInBytes, flowOutPackets, ... per second), the totals the flow summary.
    /// </summary>
    [Alias("record-flows")]
    Task<IngestResult> RecordFlows(FlowReport report);

    /// <summary>Totals of everything received from this exporter in the minutes that overlap [from, to].</summary>
    [Alias("get-flow-summary")]
    Task<FlowTotals> GetFlowSummary(DateTimeOffset from, DateTimeOffset to);

    /// <summary>The top talkers of one dimension over the minutes that overlap [from, to] (the last hour is kept).</summary>
    [Alias("get-top-talkers")]
    Task<TopTalkers> GetTopTalkers(FlowDimension dimension, DateTimeOffset from, DateTimeOffset to);

    /// <summary>Writes pending rollups and state now instead of at the next timer tick.</summary>
    [Alias("flush")]
    Task Flush();

    /// <summary>
    /// Deletion on request: forgets everything the grain holds (record, windows, verdicts, flows, detectors, pending
    /// rollups), clears its stored state and polling reminder, and deactivates without writing. False when it had no state.
    /// </summary>
    [Alias("purge")]
    Task<bool> Purge();
}
