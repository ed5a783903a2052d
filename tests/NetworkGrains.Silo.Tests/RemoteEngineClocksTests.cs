using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Silo.Tests;

public sealed class RemoteEngineClocksTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly byte[] Engine = [0x80, 0x00, 0x1f, 0x88, 0x01];

    [Fact]
    public void Replays_older_boots_and_times_lagging_by_more_than_150_seconds_are_outside_the_window()
    {
        var time = new ManualTime();
        var clocks = new RemoteEngineClocks(time);
        Assert.True(clocks.InTimeWindow(Engine, boots: 3, engineTime: 1_000));
        Assert.True(clocks.InTimeWindow(Engine, 3, 1_000));                 // the same message twice: still inside
        Assert.True(clocks.InTimeWindow(Engine, 3, 900));                   // a little late: inside the 150 s
        Assert.False(clocks.InTimeWindow(Engine, 2, 5_000));                // an earlier boot
        Assert.False(clocks.InTimeWindow(Engine, 3, 800));                  // 200 s behind

        time.Now += TimeSpan.FromSeconds(600);                              // the engine's clock moves on with ours
        Assert.False(clocks.InTimeWindow(Engine, 3, 1_200));                // a capture from 400 s ago
        Assert.True(clocks.InTimeWindow(Engine, 3, 1_590));
        Assert.True(clocks.InTimeWindow(Engine, 4, 5));                     // a reboot moves the engine forward
        Assert.False(clocks.InTimeWindow(Engine, 3, 1_600));
        Assert.False(clocks.InTimeWindow([0x80, 0x01], int.MaxValue, 0));   // the last boots value never is
    }
}
