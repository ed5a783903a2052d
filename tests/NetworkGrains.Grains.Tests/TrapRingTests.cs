using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Traps;

namespace NetworkGrains.Grains.Tests;

public sealed class TrapRingTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static TrapEvent Trap(int second) =>
        new(Start.AddSeconds(second), "10.0.0.1", "v2c", "1.3.6.1.6.3.1.1.5.3", TrapKind.LinkDown, "lab", false, []);

    private static int[] Seconds(IEnumerable<TrapEvent> traps) => traps.Select(t => (int)(t.ReceivedAt - Start).TotalSeconds).ToArray();

    [Fact]
    public void The_newest_are_kept_newest_first_and_older_ones_fill_only_the_room_left()
    {
        var ring = new TrapRing(capacity: 5);
        ring.Add(Enumerable.Range(10, 7).Select(Trap));                 // 10..16: 10 and 11 fall out
        Assert.Equal([16, 15, 14], Seconds(ring.Newest(3)));
        Assert.Equal([16, 15, 14, 13, 12], Seconds(ring.Newest(100)));

        var small = new TrapRing(capacity: 5);
        small.Add([Trap(20), Trap(21)]);
        small.AddOlder([Trap(1), Trap(2), Trap(3), Trap(4)]);           // room for three: the newest of them
        Assert.Equal([21, 20, 4, 3, 2], Seconds(small.Newest(5)));
        Assert.Equal([3, 4], Seconds(small.Before(Start.AddSeconds(20), count: 2)));
        Assert.Equal(new[] { Trap(21) }, small.Newest(1));               // read back equal to what was kept
    }
}
