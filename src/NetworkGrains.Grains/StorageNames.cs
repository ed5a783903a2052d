namespace NetworkGrains.Grains;

/// <summary>Names of the grain storage providers the silo must configure.</summary>
public static class StorageNames
{
    public const string Devices = "devices";
    public const string Inventory = "inventory";
    public const string Models = "models";
    /// <summary>
    /// The operations' state: anomalies, rules, workflows and their runs, silences, the chat catalog. Renamed from
    /// "anomalies": the ADO.NET rows are keyed by service, state name and grain key, not by provider, so they stay readable.
    /// </summary>
    public const string Operations = "operations";
    public const string PubSub = "PubSubStore";
}
