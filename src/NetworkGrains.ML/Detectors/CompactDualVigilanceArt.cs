using System.Buffers;

namespace NetworkGrains.ML.Detectors;

/// <summary>
/// <see cref="DualVigilanceArt"/> in bounded memory: the complement-coded weights as 16-bit fixed point (steps of
/// 1/65535, rounded so that a category's box only grows) in one array, at most <paramref name="maxCategories"/>
/// of them. When a new category is needed beyond that, it takes the place of the least useful one: the one with the
/// fewest matches (learnt into, or grown from), each match's weight halving every <paramref name="halfLife"/> samples,
/// so a pattern that recurs outlives a one-off and a pattern of the past gives way in time. Allocates only to grow.
/// </summary>
public sealed class CompactDualVigilanceArt(int dimension, int maxCategories, double halfLife)
{
    private const int StackLimit = 256;
    private const double Step = 1.0 / ushort.MaxValue;

    private ushort[] _weights = [];
    private float[] _useful = [];
    private int[] _matched = [];
    private int _count;
    private int _clock;

    public double LowerVigilance { get; set; }

    public double UpperVigilance { get; set; }

    /// <summary>The best match of the last sample (ARTime's A[i]) and that category's share of the last feature's pair (Ae[i]).</summary>
    public double LastMatch { get; private set; }

    public double LastEnergy { get; private set; }

    public int Categories => _count;

    /// <summary>Whether the sample made a new cluster: it matched no category above the lower vigilance (false when not learning).</summary>
    public bool Train(ReadOnlySpan<double> features, bool learning = true)
    {
        _clock++;
        if (_count == 0)
        {
            Place(features, ones: true);
            (LastMatch, LastEnergy) = (0.0, 0.0);
            return false;
        }

        var rented = _count > StackLimit ? ArrayPool<double>.Shared.Rent(2 * _count) : null;
        try
        {
            var activations = rented is null ? stackalloc double[2 * _count] : rented.AsSpan(0, 2 * _count);
            var match = activations[.._count];
            var energy = activations[_count..];
            for (var j = 0; j < _count; j++) (match[j], energy[j]) = Activation(features, j);
            var (learnt, best, bestEnergy) = (false, 0.0, 0.0);
            if (!learning)
            {
                for (var j = 0; j < _count; j++) if (match[j] > best) (best, bestEnergy) = (match[j], energy[j]);
                (LastMatch, LastEnergy) = (best, bestEnergy);
                return false;
            }

            // Categories best first, only as far as they learn (a category tried is marked -infinity).
            for (var taken = 0; taken < _count; taken++)
            {
                var j = NextBest(match);
                var m = match[j];
                match[j] = double.NegativeInfinity;
                if (m > best) (best, bestEnergy) = (m, energy[j]);
                if (m >= UpperVigilance)
                {
                    Learn(j, features);
                    learnt = true;
                }
                else if (m >= LowerVigilance && !learnt)
                {
                    Use(j);
                    Place(features, ones: false);
                    learnt = true;
                    break;
                }
                else break;
            }
            (LastMatch, LastEnergy) = (best, bestEnergy);
            if (learnt) return false;
            Place(features, ones: false);
            return true;
        }
        finally
        {
            if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Re-expresses dimensions [from, to) of every category after their values x became a*x + b (a, b &gt;= 0,
    /// a + b &lt;= 1): each category's box [u, v] becomes [a*u + b, a*v + b], what learning the mapped samples would have made.
    /// </summary>
    public void Rescale(int from, int to, double a, double b)
    {
        var width = 2 * dimension;
        for (var j = 0; j < _count; j++)
        {
            var weight = _weights.AsSpan(j * width, width);
            for (var k = from; k < to; k++)
            {
                weight[k] = Quantise(a * (weight[k] * Step) + b);
                weight[dimension + k] = Quantise(a * (weight[dimension + k] * Step) + (1 - a - b));
            }
        }
    }

    public void Write(BinaryWriter writer)
    {
        writer.Write(LowerVigilance);
        writer.Write(UpperVigilance);
        writer.Write(LastMatch);
        writer.Write(LastEnergy);
        writer.Write(_clock);
        writer.Write(_count);
        foreach (var weight in _weights.AsSpan(0, _count * 2 * dimension)) writer.Write(weight);
        for (var j = 0; j < _count; j++)
        {
            writer.Write(_useful[j]);
            writer.Write7BitEncodedInt(_clock - _matched[j]);
        }
    }

    public void Read(BinaryReader reader)
    {
        (LowerVigilance, UpperVigilance, LastMatch, LastEnergy) = (reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
        if (!double.IsFinite(LowerVigilance + UpperVigilance)) throw new InvalidDataException("the vigilances are not numbers");
        _clock = reader.ReadInt32();
        var count = reader.ReadInt32();
        if (count < 0 || count > maxCategories) throw new InvalidDataException($"{count} categories, at most {maxCategories} allowed");
        Grow(count);
        _count = count;
        for (var k = 0; k < count * 2 * dimension; k++) _weights[k] = reader.ReadUInt16();
        for (var j = 0; j < count; j++)
        {
            _useful[j] = reader.ReadSingle();
            _matched[j] = _clock - reader.Read7BitEncodedInt();
            if (!(_useful[j] >= 0 && float.IsFinite(_useful[j])) || _matched[j] > _clock) throw new InvalidDataException("a category's use is not a count");
        }
    }

    private (double Match, double Energy) Activation(ReadOnlySpan<double> features, int j)
    {
        var weight = _weights.AsSpan(j * 2 * dimension, 2 * dimension);
        var (kept, total) = (0.0, 0.0);
        for (var k = 0; k < dimension; k++)
        {
            var w = weight[k] * Step;
            kept += Math.Min(features[k], w);
            total += w;
        }
        for (var k = 0; k < dimension; k++)
        {
            var w = weight[dimension + k] * Step;
            kept += Math.Min(1 - features[k], w);
            total += w;
        }
        var share = kept / (total == 0 ? 0.001 : total);
        var last = dimension - 1;
        var (lastWeight, lastComplement) = (weight[last] * Step, weight[dimension + last] * Step);
        var energy = (Math.Min(features[last], lastWeight) + Math.Min(1 - features[last], lastComplement)) / (lastWeight + lastComplement);
        return (share * share * share * (energy * energy), energy);
    }

    private void Learn(int j, ReadOnlySpan<double> features)
    {
        var weight = _weights.AsSpan(j * 2 * dimension, 2 * dimension);
        for (var k = 0; k < dimension; k++)
        {
            weight[k] = Math.Min(Quantise(features[k]), weight[k]);
            weight[dimension + k] = Math.Min(Quantise(1 - features[k]), weight[dimension + k]);
        }
        Use(j);
    }

    /// <summary>A new category of the sample (or of ones, ARTime's first), in a free place or the least useful one's.</summary>
    private void Place(ReadOnlySpan<double> features, bool ones)
    {
        int j;
        if (_count < maxCategories)
        {
            Grow(_count + 1);
            j = _count++;
        }
        else
        {
            j = 0;
            for (var k = 1; k < _count; k++) if (Usefulness(k) < Usefulness(j)) j = k;
        }
        var weight = _weights.AsSpan(j * 2 * dimension, 2 * dimension);
        for (var k = 0; k < dimension; k++)
            (weight[k], weight[dimension + k]) = ones ? (ushort.MaxValue, ushort.MaxValue) : (Quantise(features[k]), Quantise(1 - features[k]));
        (_useful[j], _matched[j]) = (1f, _clock);
    }

    private double Usefulness(int j) => _useful[j] * Math.Pow(2, -(_clock - _matched[j]) / halfLife);

    private void Use(int j) => (_useful[j], _matched[j]) = ((float)(Usefulness(j) + 1), _clock);

    /// <summary>A weight in [0, 1] as 16 bits, rounded down: the lower corner of a box moves down, the complement of its upper corner too.</summary>
    private static ushort Quantise(double weight) => (ushort)Math.Clamp(Math.Floor(weight * ushort.MaxValue), 0, ushort.MaxValue);

    private void Grow(int count)
    {
        if (count <= _matched.Length) return;
        var capacity = (int)Math.Min(maxCategories, Math.Max(8L, Math.Max(count, 2L * _matched.Length)));
        Array.Resize(ref _weights, capacity * 2 * dimension);
        Array.Resize(ref _useful, capacity);
        Array.Resize(ref _matched, capacity);
    }

    /// <summary>The category to try next: the highest match, the first of equal ones (Julia's sortperm(rev=true): NaN first).</summary>
    private static int NextBest(ReadOnlySpan<double> match)
    {
        var best = 0;
        for (var j = 1; j < match.Length; j++) if (JuliaNumerics.IsLess(match[best], match[j])) best = j;
        return best;
    }
}
