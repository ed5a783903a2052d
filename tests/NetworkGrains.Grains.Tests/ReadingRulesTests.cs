using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Tests;

/// <summary>What a device grain takes as a counter, whichever front end sent it (the SDK sends doubles).</summary>
public sealed class ReadingRulesTests
{
    [Theory]
    [InlineData(MetricKind.Counter32, 0d, true)]
    [InlineData(MetricKind.Counter32, 4294967295d, true)]
    [InlineData(MetricKind.Counter32, 4294967296d, false)]
    [InlineData(MetricKind.Counter32, 1.5, false)]
    [InlineData(MetricKind.Counter64, 18446744073709551615d, true)] // 2^64-1 as a double is 2^64
    [InlineData(MetricKind.Counter64, 18446744073709555712d, false)] // the next double after 2^64
    [InlineData(MetricKind.Counter64, 1e24, false)]
    [InlineData(MetricKind.Counter64, -1d, false)]
    [InlineData(MetricKind.Counter64, 2.5, false)]
    [InlineData(MetricKind.Gauge, -2.5, true)]
    public void Counters_are_whole_numbers_within_their_width(MetricKind kind, double value, bool valid) =>
        Assert.Equal(valid, ReadingRules.IsValidCounterValue(kind, value));
}
