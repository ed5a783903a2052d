using System.Runtime.InteropServices;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Flows;

namespace NetworkGrains.Silo.Flows;

/// <summary>
/// Flows, packets and bytes per key in bounded memory (lossy counting): exact while the keys fit in the table;
/// when it fills, only the heaviest quarter by bytes and the heaviest quarter by packets stay. A key pruned and seen
/// again restarts from zero, so every count may be short by at most the sum of the largest counts pruned, which is
/// reported with the talkers. One dictionary update per record; pruning is linear and rare.
/// </summary>
public sealed class HeavyHitters<TKey>(int capacity) where TKey : notnull, IEquatable<TKey>
{
    private readonly Dictionary<TKey, Counts> _counts = new(capacity);
    private long _undercountBytes, _undercountPackets;

    public int Count => _counts.Count;

    public void Add(TKey key, long packets, long bytes) => Add(key, 1, packets, bytes);

    public void Merge(HeavyHitters<TKey> other)
    {
        foreach (var (key, counts) in other._counts) Add(key, counts.Flows, counts.Packets, counts.Bytes);
        _undercountBytes += other._undercountBytes;
        _undercountPackets += other._undercountPackets;
    }

    /// <summary>Shannon entropy (bits) of the flows over the keys held: 0 for one key, log2(n) for n equal ones.</summary>
    public double FlowEntropy()
    {
        double total = 0;
        foreach (var counts in _counts.Values) total += counts.Flows;
        if (total <= 0) return 0;
        double entropy = 0;
        foreach (var counts in _counts.Values)
        {
            if (counts.Flows <= 0) continue;
            var p = counts.Flows / total;
            entropy -= p * Math.Log2(p);
        }

        return entropy;
    }

    public TopTalkers ToTopTalkers(FlowDimension dimension, Func<TKey, string> format)
    {
        var entries = _counts.ToArray();
        var kept = TalkerRanking.TopIndexes(entries.Length, i => entries[i].Value.Bytes, i => entries[i].Value.Packets);
        return new TopTalkers(dimension,
            kept.Order().Select(i => new Talker(format(entries[i].Key), entries[i].Value.Flows, entries[i].Value.Packets, entries[i].Value.Bytes)).ToArray(),
            _undercountBytes, _undercountPackets);
    }

    private void Add(TKey key, long flows, long packets, long bytes)
    {
        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, key, out _);
        counts.Flows += flows;
        counts.Packets += packets;
        counts.Bytes += bytes;
        if (_counts.Count >= capacity) Prune();
    }

    /// <summary>
    /// Drops the keys below both the bytes and the packets of the heaviest quarter; ties at those floors go too, until
    /// half the table is free (at most half the capacity is strictly above either floor).
    /// </summary>
    private void Prune()
    {
        var keep = capacity / 4;
        var bytesFloor = KthLargest(_counts.Values.Select(c => c.Bytes).ToArray(), keep);
        var packetsFloor = KthLargest(_counts.Values.Select(c => c.Packets).ToArray(), keep);
        long prunedBytes = 0, prunedPackets = 0;
        foreach (var strictly in new[] { true, false })
        {
            foreach (var (key, counts) in _counts)
            {
                if (!strictly && _counts.Count <= capacity / 2) break;
                var below = strictly
                    ? counts.Bytes < bytesFloor && counts.Packets < packetsFloor
                    : counts.Bytes <= bytesFloor && counts.Packets <= packetsFloor;
                if (!below) continue;
                prunedBytes = Math.Max(prunedBytes, counts.Bytes);
                prunedPackets = Math.Max(prunedPackets, counts.Packets);
                _counts.Remove(key);
            }
        }
        _undercountBytes += prunedBytes;
        _undercountPackets += prunedPackets;
    }

    /// <summary>The k-th largest value (1-based), by quickselect; reorders <paramref name="values"/>.</summary>
    private static long KthLargest(long[] values, int k)
    {
        int low = 0, high = values.Length - 1, target = k - 1;
        while (low < high)
        {
            var pivot = values[(low + high) >>> 1];
            int i = low, j = high;
            while (i <= j)
            {
                while (values[i] > pivot) i++;
                while (values[j] < pivot) j--;
                if (i <= j) { (values[i], values[j]) = (values[j], values[i]); i++; j--; }
            }
            if (target <= j) high = j;
            else if (target >= i) low = i;
            else return values[target];
        }
        return values[target];
    }

    private struct Counts
    {
        public long Flows, Packets, Bytes;
    }
}
