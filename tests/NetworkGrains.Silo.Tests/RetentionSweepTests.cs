using System.Diagnostics.Metrics;
using Microsoft.Extensions.Options;
using NetworkGrains.Grains;
using NetworkGrains.Grains.DataLifecycle;

namespace NetworkGrains.Silo.Tests;

public sealed class RetentionSweepTests
{
    private static readonly DateTimeOffset Now = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Each_kind_is_cut_at_now_minus_its_policy_in_at_most_the_configured_batches_and_counted_in_metrics()
    {
        var rollups = new FakeKind("rollups-test", TimeSpan.FromDays(30), rows: 7);
        var forever = new FakeKind("forever-test", TimeSpan.Zero, rows: 5);
        var options = Options.Create(new RetentionOptions { BatchSize = 2, MaxBatchesPerSweep = 3 });
        var sweep = new RetentionSweep([rollups, forever], options, new FixedClock(Now));
        var counted = new List<(long Rows, string Kind, string Reason)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == NetworkGrainsMetrics.MeterName && instrument.Name == "ng_deleted_rows") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((_, rows, tags, _) =>
        {
            var kind = tags.ToArray().Single(t => t.Key == "kind").Value as string;
            if (kind is "rollups-test" or "forever-test") counted.Add((rows, kind, (string)tags.ToArray().Single(t => t.Key == "reason").Value!));
        });
        listener.Start();

        var first = await sweep.RunAsync();
        var second = await sweep.RunAsync();

        Assert.Equal(6, first["rollups-test"]);
        Assert.Equal(1, second["rollups-test"]);
        Assert.Equal([Now.AddDays(-30)], rollups.Cutoffs.Distinct());
        Assert.Equal(4, rollups.Cutoffs.Count); // three full batches (the most a sweep takes), then one short batch
        Assert.Empty(forever.Cutoffs);
        Assert.False(first.ContainsKey("forever-test"));
        Assert.Equal(7, counted.Where(c => c.Kind == "rollups-test" && c.Reason == "retention").Sum(c => c.Rows));
    }

    private sealed class FakeKind(string kind, TimeSpan policy, long rows) : IRetainedData
    {
        private long _left = rows;

        public List<DateTimeOffset> Cutoffs { get; } = [];

        public string Kind => kind;

        public TimeSpan Policy => policy;

        public Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, int limit, CancellationToken cancellationToken = default)
        {
            Cutoffs.Add(cutoff);
            var deleted = Math.Min(limit, _left);
            _left -= deleted;
            return Task.FromResult(deleted);
        }
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
