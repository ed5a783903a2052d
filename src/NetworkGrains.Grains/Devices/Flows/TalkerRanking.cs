using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Flows;

/// <summary>
/// The one rule for which talkers are kept, wherever lists are cut (collector intervals, minutes, queries): the top
/// <see cref="Limits.TalkersKept"/> by bytes together with the top <see cref="Limits.TalkersKept"/> by packets.
/// </summary>
public static class TalkerRanking
{

    /// <summary>The indexes of the items in the top <paramref name="keep"/> by bytes or by packets.</summary>
    public static HashSet<int> TopIndexes(int count, Func<int, long> bytes, Func<int, long> packets, int keep = Limits.TalkersKept)
    {
        var indexes = Enumerable.Range(0, count).ToArray();
        var kept = new HashSet<int>(indexes.OrderByDescending(bytes).Take(keep));
        kept.UnionWith(indexes.OrderByDescending(packets).Take(keep));
        return kept;
    }

    /// <summary>
    /// Adds lists of one dimension key by key and keeps the top ones. What is cut adds to the undercount bound: a key
    /// cut from one list may be in another, so its total can be short by at most the largest count cut.
    /// </summary>
    public static TopTalkers Merge(FlowDimension dimension, IEnumerable<TopTalkers> lists)
    {
        var sums = new Dictionary<string, Talker>();
        long undercountBytes = 0, undercountPackets = 0;
        foreach (var list in lists)
        {
            undercountBytes += list.MaxUndercountBytes;
            undercountPackets += list.MaxUndercountPackets;
            foreach (var talker in list.Talkers)
            {
                sums[talker.Key] = sums.TryGetValue(talker.Key, out var sum)
                    ? sum with { Flows = sum.Flows + talker.Flows, Packets = sum.Packets + talker.Packets, Bytes = sum.Bytes + talker.Bytes }
                    : talker;
            }
        }
        var all = sums.Values.ToArray();
        var kept = TopIndexes(all.Length, i => all[i].Bytes, i => all[i].Packets);
        if (kept.Count < all.Length)
        {
            var cut = Enumerable.Range(0, all.Length).Where(i => !kept.Contains(i)).Select(i => all[i]).ToArray();
            undercountBytes += cut.Max(t => t.Bytes);
            undercountPackets += cut.Max(t => t.Packets);
        }
        return new TopTalkers(dimension, kept.Order().Select(i => all[i]).ToArray(), undercountBytes, undercountPackets);
    }
}
