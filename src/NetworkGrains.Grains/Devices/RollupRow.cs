using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Windows;

namespace NetworkGrains.Grains.Devices;

/// <summary>One minute of one series, as the write-behind stores it.</summary>
public sealed record RollupRow(
    string DeviceId, string Metric, string Instance, DateTimeOffset Minute,
    double Min, double Max, double Mean, int Count, double Last)
{
    public static RollupRow From(string deviceId, SeriesKey key, RollupPoint r) =>
        new(deviceId, key.Metric, key.Instance, r.Minute, r.Min, r.Max, r.Mean, r.Count, r.Last);

    public RollupPoint ToPoint() => new(Minute, Min, Max, Mean, Count, Last);
}
