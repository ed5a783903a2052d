using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Flows;

namespace NetworkGrains.Grains.Tests;

public sealed class DeviceTalkersTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static TopTalkers[] Sources(params (string Key, long Bytes)[] talkers) =>
        [new TopTalkers(FlowDimension.Source, talkers.Select(t => new Talker(t.Key, 1, t.Bytes / 100, t.Bytes)).ToArray(), 0, 0)];

    [Fact]
    public async Task Intervals_add_up_within_a_minute_and_across_the_minutes_asked_for()
    {
        var time = new FixedTime(Noon.AddMinutes(5));
        var talkers = new DeviceTalkers("r1", new MemoryTalkerLog(), time);

        await talkers.AddAsync(Noon, Sources(("10.0.0.1", 1_000), ("10.0.0.2", 500)));
        await talkers.AddAsync(Noon.AddSeconds(10), Sources(("10.0.0.2", 700)));
        await talkers.AddAsync(Noon.AddMinutes(1), Sources(("10.0.0.3", 5_000)));

        var firstMinute = (await talkers.QueryAsync(FlowDimension.Source, Noon, Noon.AddSeconds(59)));
        Assert.Equal([("10.0.0.1", 1_000L), ("10.0.0.2", 1_200L)], firstMinute.Talkers.Select(t => (t.Key, t.Bytes)).Order());
        var both = (await talkers.QueryAsync(FlowDimension.Source, Noon, Noon.AddMinutes(2)));
        Assert.Equal(6_000 + 1_200, both.Talkers.Sum(t => t.Bytes));
        Assert.Empty((await talkers.QueryAsync(FlowDimension.Destination, Noon, Noon.AddMinutes(2))).Talkers);
    }

    [Fact]
    public async Task A_new_activation_reads_back_what_the_last_one_wrote_and_counts_nothing_twice()
    {
        var (time, log) = (new FixedTime(Noon.AddSeconds(30)), new MemoryTalkerLog());
        var first = new DeviceTalkers("r1", log, time);
        await first.AddAsync(Noon, Sources(("10.0.0.1", 1_000)));
        await first.CloseAsync(); // the grain deactivates mid-minute

        var second = new DeviceTalkers("r1", log, time);
        await second.AddAsync(Noon.AddSeconds(20), Sources(("10.0.0.1", 300)));
        await second.AddAsync(Noon.AddMinutes(1), Sources(("10.0.0.9", 1))); // closes the minute into the log again

        var minute = (await second.QueryAsync(FlowDimension.Source, Noon, Noon.AddSeconds(59)));
        Assert.Equal(new Talker("10.0.0.1", 2, 13, 1_300), Assert.Single(minute.Talkers));
        Assert.Equal(2, (await log.ReadAsync("r1", 0, CancellationToken.None)).Length);
    }

    [Fact]
    public async Task A_late_interval_is_kept_as_a_part_of_its_own_minute_and_minutes_past_the_hour_are_forgotten()
    {
        var time = new FixedTime(Noon.AddMinutes(2));
        var talkers = new DeviceTalkers("r1", new MemoryTalkerLog(), time);
        await talkers.AddAsync(Noon.AddMinutes(1), Sources(("a", 100)));
        await talkers.AddAsync(Noon.AddSeconds(50), Sources(("a", 10))); // late
        Assert.Equal(110, (await talkers.QueryAsync(FlowDimension.Source, Noon, Noon.AddMinutes(1))).Talkers.Single().Bytes);

        time.Now = Noon.AddHours(2);
        await talkers.AddAsync(Noon.AddHours(2), Sources(("b", 1)));
        await talkers.AddAsync(Noon.AddHours(2).AddMinutes(1), Sources(("c", 1)));
        Assert.Empty((await talkers.QueryAsync(FlowDimension.Source, Noon, Noon.AddMinutes(1))).Talkers);
    }

    private sealed class FailingLog : ITalkerLog
    {
        public Task AppendAsync(string deviceId, TalkerMinute minute, CancellationToken cancellationToken) => throw new TimeoutException("the database is away");
        public Task<TalkerMinute[]> ReadAsync(string deviceId, long fromUnixMinute, CancellationToken cancellationToken) => Task.FromResult(Array.Empty<TalkerMinute>());
    }

    [Fact]
    public async Task A_log_that_fails_loses_durability_not_the_minute_in_memory()
    {
        var talkers = new DeviceTalkers("r1", new FailingLog(), new FixedTime(Noon.AddMinutes(2)));
        await talkers.AddAsync(Noon, Sources(("10.0.0.1", 1_000)));
        await Assert.ThrowsAsync<TimeoutException>(() => talkers.AddAsync(Noon.AddMinutes(1), Sources(("10.0.0.2", 5))));
        var both = await talkers.QueryAsync(FlowDimension.Source, Noon, Noon.AddMinutes(1));
        Assert.Equal(["10.0.0.1", "10.0.0.2"], both.Talkers.Select(t => t.Key).Order());
    }
}
