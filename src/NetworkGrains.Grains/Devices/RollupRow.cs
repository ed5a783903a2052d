namespace NetworkGrains.Grains.Devices;

/// <summary>One minute of one series, as the write-behind stores it.</summary>
public sealed record RollupRow(
    string DeviceId, string Metric, string Instance, DateTimeOffset Minute,
    double Min, double Max, double Mean, int Count, double Last);
