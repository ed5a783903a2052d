using System.Numerics;
using System.Runtime.InteropServices;

namespace NetworkGrains.ML.OnnxModels;

/// <summary>Checks model input for NaN and infinity fast enough to run on every inference call (SIMD over the exponent bits).</summary>
public static class FiniteValues
{
    private const int ExponentMask = 0x7F80_0000; // all exponent bits set: infinity or NaN

    public static bool All(ReadOnlySpan<float> values)
    {
        var bits = MemoryMarshal.Cast<float, int>(values);
        var mask = new Vector<int>(ExponentMask);
        var i = 0;
        for (; i <= bits.Length - Vector<int>.Count; i += Vector<int>.Count)
        {
            if (Vector.EqualsAny(new Vector<int>(bits.Slice(i, Vector<int>.Count)) & mask, mask)) return false;
        }

        for (; i < bits.Length; i++)
        {
            if ((bits[i] & ExponentMask) == ExponentMask) return false;
        }

        return true;
    }
}
