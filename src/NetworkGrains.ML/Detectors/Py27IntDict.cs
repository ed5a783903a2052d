namespace NetworkGrains.ML.Detectors;

/// <summary>
/// CPython 2.7's dict for non-negative int keys (an int hashes to itself), kept for its iteration order: the slot
/// order of its open-addressing table (8 slots to start, perturbed probing, grown to 4x the entries once two thirds
/// full). Detectors reproduced from Python 2 code that iterates a dict depend on that order. No removal.
/// </summary>
public sealed class Py27IntDict
{
    private const int Empty = -1;

    private int[] _keys = CreateKeys(8);
    private int[] _values = new int[8];

    public int Count { get; private set; }

    /// <summary>Slot by slot, <see cref="Empty"/> (-1) where no key is; with <see cref="Values"/>, the dict's iteration order.</summary>
    public ReadOnlySpan<int> Keys => _keys;

    public ReadOnlySpan<int> Values => _values;

    public int Capacity => _keys.Length;

    /// <summary>Python's setdefault: the value stored for the key, or <paramref name="value"/> stored and returned.</summary>
    public int GetOrAdd(int key, int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(key);
        var slot = Find(_keys, key);
        if (_keys[slot] == key) return _values[slot];
        (_keys[slot], _values[slot]) = (key, value);
        Count++;
        if (Count * 3 >= _keys.Length * 2) Resize(4 * Count);
        return value;
    }

    /// <summary>The slot that holds the key: its place in the iteration order.</summary>
    public int SlotOf(int key)
    {
        var slot = Find(_keys, key);
        return _keys[slot] == key ? slot : throw new KeyNotFoundException($"no key {key}");
    }

    public int this[int key] => _values[SlotOf(key)];

    private static int Find(int[] keys, int key)
    {
        var mask = (ulong)keys.Length - 1;
        var i = (ulong)key & mask;
        for (var perturb = (ulong)key; keys[i & mask] != Empty && keys[i & mask] != key; perturb >>= 5)
            i = (i << 2) + i + perturb + 1;
        return (int)(i & mask);
    }

    private void Resize(int entries)
    {
        var size = 8;
        while (size <= entries) size <<= 1;
        var (keys, values) = (CreateKeys(size), new int[size]);
        for (var slot = 0; slot < _keys.Length; slot++)
        {
            if (_keys[slot] == Empty) continue;
            var target = Find(keys, _keys[slot]);
            (keys[target], values[target]) = (_keys[slot], _values[slot]);
        }
        (_keys, _values) = (keys, values);
    }

    private static int[] CreateKeys(int size)
    {
        var keys = new int[size];
        Array.Fill(keys, Empty);
        return keys;
    }
}
