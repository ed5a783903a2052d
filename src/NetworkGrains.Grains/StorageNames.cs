namespace NetworkGrains.Grains;

/// <summary>Names of the grain storage providers the silo must configure.</summary>
public static class StorageNames
{
    public const string Devices = "devices";
    public const string Inventory = "inventory";
    public const string Models = "models";
    public const string Anomalies = "anomalies";
    public const string PubSub = "PubSubStore";
}
