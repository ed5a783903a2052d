namespace NetworkGrains.ML.Detectors;

/// <summary>CPython 2.7's hash of a tuple of ints on a 64-bit build (C long arithmetic, wrapping; an int hashes to itself, -1 to -2).</summary>
public static class Py27Hash
{
    public static long Tuple(ReadOnlySpan<long> items)
    {
        unchecked
        {
            var (x, multiplier) = (0x345678L, 1000003L);
            for (var i = 0; i < items.Length; i++)
            {
                x = (x ^ Int(items[i])) * multiplier;
                multiplier += 82520L + 2L * (items.Length - 1 - i);
            }
            x += 97531L;
            return x == -1 ? -2 : x;
        }
    }

    public static long Int(long value) => value == -1 ? -2 : value;
}
