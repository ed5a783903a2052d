using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Flows;

/// <summary>Per-minute flow totals of one exporter over the last <see cref="Retention"/>, oldest first: what the flow summary adds up.</summary>
[GenerateSerializer, Alias("ng.flow-history.v1")]
public sealed class FlowHistory
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    [Id(0)] public List<FlowMinute> Minutes { get; set; } = [];

    public void Add(DateTimeOffset at, FlowTotals totals)
    {
        var minute = at.ToUnixTimeSeconds() / 60;
        if (Minutes.Count > 0 && Minutes[^1].UnixMinute == minute) Minutes[^1] = Minutes[^1] with { Totals = Minutes[^1].Totals + totals };
        else if (Minutes.Count == 0 || Minutes[^1].UnixMinute < minute) Minutes.Add(new FlowMinute(minute, totals));
        else
        {
            // An interval reported late (after a later one): add it where it belongs.
            var index = Minutes.FindIndex(m => m.UnixMinute >= minute);
            if (Minutes[index].UnixMinute == minute) Minutes[index] = Minutes[index] with { Totals = Minutes[index].Totals + totals };
            else Minutes.Insert(index, new FlowMinute(minute, totals));
        }
        var oldest = minute - (long)Retention.TotalMinutes;
        var expired = Minutes.FindIndex(m => m.UnixMinute > oldest);
        if (expired > 0) Minutes.RemoveRange(0, expired);
    }

    public FlowTotals Sum(DateTimeOffset from, DateTimeOffset to)
    {
        var (first, last) = (from.ToUnixTimeSeconds() / 60, to.ToUnixTimeSeconds() / 60);
        var sum = default(FlowTotals);
        foreach (var minute in Minutes)
        {
            if (minute.UnixMinute >= first && minute.UnixMinute <= last) sum += minute.Totals;
        }
        return sum;
    }
}

[GenerateSerializer, Immutable, Alias("ng.flow-minute.v1")]
public readonly record struct FlowMinute([property: Id(0)] long UnixMinute, [property: Id(1)] FlowTotals Totals);
