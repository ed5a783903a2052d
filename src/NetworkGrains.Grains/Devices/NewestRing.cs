namespace NetworkGrains.Grains.Devices;

/// <summary>The newest <c>capacity</c> items of a device's log (traps, syslog), in arrival order: O(1) to add, oldest overwritten.</summary>
public sealed class NewestRing<T>(int capacity)
{
    private readonly T[] _slots = new T[capacity];
    private int _oldest;

    public int Count { get; private set; }

    /// <summary>The item <paramref name="fromNewest"/> places back from the newest (0: the newest).</summary>
    public T this[int fromNewest] => _slots[(_oldest + Count - 1 - fromNewest) % capacity];

    public void Add(T item)
    {
        if (Count < capacity) _slots[(_oldest + Count++) % capacity] = item;
        else
        {
            _slots[_oldest] = item;
            _oldest = (_oldest + 1) % capacity;
        }
    }

    /// <summary>Puts items older than every kept one (oldest first) in front of them, as far as there is room.</summary>
    public void AddOlder(IReadOnlyList<T> older)
    {
        var room = Math.Min(capacity - Count, older.Count);
        for (var i = older.Count - 1; i >= older.Count - room; i--)
        {
            _oldest = (_oldest - 1 + capacity) % capacity;
            _slots[_oldest] = older[i];
            Count++;
        }
    }

    /// <summary>At most <paramref name="count"/> of the newest items that <paramref name="keep"/> takes, newest first.</summary>
    public List<T> Newest(int count, Func<T, bool> keep)
    {
        var kept = new List<T>(Math.Min(count, Count));
        for (var i = 0; i < Count && kept.Count < count; i++)
            if (keep(this[i])) kept.Add(this[i]);
        return kept;
    }
}
