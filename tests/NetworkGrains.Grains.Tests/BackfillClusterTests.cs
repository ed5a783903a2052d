using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Tests;

/// <summary>One-minute readings older than the window, as a backfill posts them: through the device grain.</summary>
internal static class Backfill
{
    public static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeSeconds() / 60 * 60);

    public static Reading[] Minutes(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new Reading("cpu", null, Start.AddMinutes(i), i, MetricKind.Gauge)).ToArray();

    public static DateTimeOffset Minute(int i) => Start.AddMinutes(i);
}

[Collection(ClusterCollection.Name)]
public sealed class BackfillWithoutRollupStoreTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_receipt_says_how_many_readings_of_a_backfill_the_window_could_not_keep()
    {
        var device = await fixture.RegisterDeviceAsync("backfill");

        var result = await device.Ingest(new TelemetryBatch(Backfill.Minutes(0, 1_510)));

        Assert.Equal(new IngestResult(1_510, 0, 0, 0, NotKept: 1_450, NotKeptReason: NotKeptReason.OlderThanWindow), result);
        var rollups = await device.GetRollups("cpu", null, Backfill.Start, Backfill.Minute(1_510));
        Assert.Equal(Enumerable.Range(1_450, 60).Select(Backfill.Minute), rollups.Select(r => r.Minute));
    }
}

[Collection(DurableRollupsCollection.Name)]
public sealed class BackfillToRollupStoreTests(DurableRollupsFixture fixture)
{
    [Fact]
    public async Task Every_minute_of_a_backfill_is_held_until_the_flush_writes_it()
    {
        var device = await fixture.RegisterDeviceAsync("backfill");
        var id = device.GetPrimaryKeyString();

        var result = await device.Ingest(new TelemetryBatch(Backfill.Minutes(0, 1_510)));

        Assert.Equal(new IngestResult(1_510, 0, 0, 0), result);
        // What the device holds (its backlog and window), with whatever its flush timer may have written meanwhile.
        var held = await device.GetRollups("cpu", null, Backfill.Start, Backfill.Minute(1_510));
        var minutes = held.Select(r => r.Minute).Concat(fixture.Sink.Of(id).Select(r => r.Minute)).Order();
        Assert.Equal(Enumerable.Range(0, 1_510).Select(Backfill.Minute), minutes);

        await device.Flush();

        var written = fixture.Sink.Of(id);
        Assert.Equal(Enumerable.Range(0, 1_510).Select(Backfill.Minute), written.Select(r => r.Minute).Order());
        Assert.All(written, r => Assert.Equal((1, (r.Minute - Backfill.Start).TotalMinutes), (r.Count, r.Mean)));
        // Written minutes are the store's to answer; the window may hold only part of its oldest one.
        Assert.Empty(await device.GetRollups("cpu", null, Backfill.Start, Backfill.Minute(1_510)));
    }

    [Fact]
    public async Task A_full_backlog_refuses_and_counts_while_the_store_is_down_and_keeps_what_it_holds_for_when_it_is_back()
    {
        var device = await fixture.RegisterDeviceAsync("backfill");
        var id = device.GetPrimaryKeyString();
        fixture.Sink.Down[id] = true;

        // 2,540 minutes leave the window; the backlog holds 2,000 of them.
        var result = await device.Ingest(new TelemetryBatch(Backfill.Minutes(0, 2_600)));
        Assert.Equal((2_600, 540, NotKeptReason.RollupBacklogFull), (result.Accepted, result.NotKept, result.NotKeptReason));
        await device.Flush();
        Assert.Empty(fixture.Sink.Of(id));

        // While flushes fail, a batch does not wait for one: the minute it pushes out is refused too.
        var next = await device.Ingest(new TelemetryBatch(Backfill.Minutes(2_600, 1)));
        Assert.Equal((1, 1), (next.Accepted, next.NotKept));

        fixture.Sink.Down.TryRemove(id, out _);
        await device.Flush();
        var expected = Enumerable.Range(0, DurableRollupsFixture.MaxQueuedRollups).Concat(Enumerable.Range(2_541, 60)).Select(Backfill.Minute);
        Assert.Equal(expected, fixture.Sink.Of(id).Select(r => r.Minute).Order());
    }

    [Fact]
    public async Task A_backlog_past_half_full_is_written_before_the_next_batch_is_taken_without_waiting_for_the_flush_timer()
    {
        var device = await fixture.RegisterDeviceAsync("backfill");
        var id = device.GetPrimaryKeyString();

        var first = await device.Ingest(new TelemetryBatch(Backfill.Minutes(0, 1_100)));
        Assert.Equal((1_100, 0), (first.Accepted, first.NotKept)); // 1,040 minutes in the backlog, more than half of 2,000

        var second = await device.Ingest(new TelemetryBatch(Backfill.Minutes(1_100, 1_500)));

        Assert.Equal((1_500, 0), (second.Accepted, second.NotKept));
        Assert.Equal(Enumerable.Range(0, 1_100).Select(Backfill.Minute), fixture.Sink.Of(id).Select(r => r.Minute).Order());
    }
}
