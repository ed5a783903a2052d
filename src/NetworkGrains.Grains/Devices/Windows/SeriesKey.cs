namespace NetworkGrains.Grains.Devices.Windows;

/// <summary>A series of a device: a metric and its instance ("" when the metric has none).</summary>
[GenerateSerializer, Immutable, Alias("ng.series-key.v1")]
public readonly record struct SeriesKey([property: Id(0)] string Metric, [property: Id(1)] string Instance);
