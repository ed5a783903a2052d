using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Silo.Flows;

namespace NetworkGrains.Silo.Tests;

public sealed class HeavyHittersTests
{
    [Fact]
    public void Counts_are_exact_and_the_undercount_zero_while_the_keys_fit()
    {
        var table = new HeavyHitters<uint>(capacity: 64);
        for (uint i = 0; i < 1_000; i++) table.Add(i % 40, packets: 2, bytes: 100 * (i % 40));

        var top = table.ToTopTalkers(FlowDimension.Port, key => key.ToString());

        Assert.Equal((0L, 0L), (top.MaxUndercountBytes, top.MaxUndercountPackets));
        Assert.Equal(40, top.Talkers.Length); // fewer than 50 keys: all kept
        var heaviest = top.Talkers.MaxBy(t => t.Bytes)!;
        Assert.Equal(new Talker("39", 25, 50, 25 * 3_900), heaviest);
    }

    [Fact]
    public void Many_keys_stay_within_the_capacity_the_heavy_ones_survive_and_no_count_is_short_by_more_than_the_bound()
    {
        const int capacity = 256;
        var random = new Random(7);
        var table = new HeavyHitters<uint>(capacity);
        var truth = new Dictionary<uint, (long Packets, long Bytes)>();
        for (var i = 0; i < 200_000; i++)
        {
            // Ten elephants carry half the flows; the rest spread over 100,000 mice.
            var key = random.Next(2) == 0 ? (uint)random.Next(10) : 1_000 + (uint)random.Next(100_000);
            var (packets, bytes) = (random.Next(1, 20), random.Next(40, 1_500));
            table.Add(key, packets, bytes);
            truth[key] = truth.TryGetValue(key, out var t) ? (t.Packets + packets, t.Bytes + bytes) : (packets, bytes);
            Assert.True(table.Count < capacity);
        }

        var top = table.ToTopTalkers(FlowDimension.As, key => key.ToString());

        var elephants = top.Talkers.OrderByDescending(t => t.Bytes).Take(10).Select(t => uint.Parse(t.Key)).Order();
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (uint)i), elephants);
        Assert.True(top.MaxUndercountBytes > 0);
        foreach (var talker in top.Talkers)
        {
            var (packets, bytes) = truth[uint.Parse(talker.Key)];
            Assert.InRange(bytes - talker.Bytes, 0, top.MaxUndercountBytes);
            Assert.InRange(packets - talker.Packets, 0, top.MaxUndercountPackets);
        }
    }

    [Fact]
    public void Equal_counts_still_prune_down_to_half_the_table()
    {
        var table = new HeavyHitters<uint>(capacity: 100);
        for (uint i = 0; i < 10_000; i++) table.Add(i, packets: 1, bytes: 64);
        Assert.InRange(table.Count, 1, 99);
    }

    [Fact]
    public void Merged_tables_add_key_by_key_and_carry_both_undercounts()
    {
        var (a, b) = (new HeavyHitters<uint>(16), new HeavyHitters<uint>(16));
        a.Add(1, 1, 100);
        b.Add(1, 2, 200);
        b.Add(2, 1, 50);
        for (uint i = 100; i < 200; i++) b.Add(i, 1, 1); // forces b to prune
        var undercountOfB = b.ToTopTalkers(FlowDimension.Source, key => key.ToString()).MaxUndercountPackets;

        a.Merge(b);
        var top = a.ToTopTalkers(FlowDimension.Source, key => key.ToString());

        Assert.Equal(new Talker("1", 2, 3, 300), top.Talkers.Single(t => t.Key == "1"));
        Assert.Equal(new Talker("2", 1, 1, 50), top.Talkers.Single(t => t.Key == "2"));
        Assert.InRange(top.MaxUndercountPackets, Math.Max(1, undercountOfB), long.MaxValue);
    }
}
