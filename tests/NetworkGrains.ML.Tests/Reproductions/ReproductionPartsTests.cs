using NetworkGrains.ML.Detectors;

namespace NetworkGrains.ML.Tests.Reproductions;

/// <summary>The pieces that make the reproductions round, order and hash as the originals' runtimes did.</summary>
public sealed class ReproductionPartsTests
{
    [Fact]
    public void Tuples_hash_as_64_bit_cpython_2_7_hashes_them()
    {
        Assert.Equal(3527539L, Py27Hash.Tuple([]));
        Assert.Equal(3430019387558L, Py27Hash.Tuple([1]));
        Assert.Equal(3713081631934410656L, Py27Hash.Tuple([1, 2]));
        Assert.Equal(Py27Hash.Tuple([-2]), Py27Hash.Tuple([-1])); // hash(-1) is -2 in CPython
    }

    [Fact]
    public void Int_keys_iterate_in_cpython_2_7_slot_order_before_and_after_the_table_grows()
    {
        var dict = new Py27IntDict();
        foreach (var key in new[] { 8, 0, 1, 2, 3 }) Assert.Equal(key * 10, dict.GetOrAdd(key, key * 10));
        Assert.Equal([8, 0, 2, 3, 1], Iterate(dict)); // 8 takes slot 0; 0 probes to 1; 1 probes to 7
        Assert.Equal(8, dict.Capacity);

        dict.GetOrAdd(4, 40); // the sixth key fills two thirds: 32 slots, keys re-inserted in slot order
        Assert.Equal(32, dict.Capacity);
        Assert.Equal([0, 1, 2, 3, 4, 8], Iterate(dict));
        Assert.Equal(80, dict.GetOrAdd(8, 999));
        Assert.Equal(10, dict[1]);
    }

    [Fact]
    public void The_haar_transform_is_wavelets_jl_full_depth_order_and_signs()
    {
        var transformed = HaarWavelet.Transform([1, 2, 3, 4, 5, 6, 7, 8]);
        double[] expected = [36 / Math.Sqrt(8), 16 / Math.Sqrt(8), 2, 2, 1 / Math.Sqrt(2), 1 / Math.Sqrt(2), 1 / Math.Sqrt(2), 1 / Math.Sqrt(2)];
        Assert.Equal(expected, transformed, (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Throws<ArgumentException>(() => HaarWavelet.Transform([1, 2, 3]));
    }

    [Fact]
    public void Sort_permutations_put_nan_first_when_descending_and_keep_equal_values_in_index_order()
    {
        double[] values = [0.5, double.NaN, 0.9, 0.5];
        Assert.Equal([1, 2, 0, 3], JuliaNumerics.SortPermutation(values, descending: true));
        Assert.Equal([0, 3, 2, 1], JuliaNumerics.SortPermutation(values));
    }

    [Fact]
    public void Art_starts_from_a_category_of_ones_then_clusters_and_recognises_a_sample()
    {
        var art = new DualVigilanceArt(dimension: 2) { LowerVigilance = 0.8, UpperVigilance = 0.9 };
        double[] sample = [0.25, 0.75];
        Assert.Equal(1, art.Train(sample)); // the first sample is not learnt
        Assert.Equal(-1, art.Train(sample)); // |x|1/|1|1 = 1/2, pair share 1/2: 0.125 * 0.25, a new cluster
        Assert.Equal(0.03125, art.LastMatch, precision: 12);
        Assert.Equal(2, art.Train(sample)); // its own category now matches fully
        Assert.Equal(1.0, art.LastMatch);
        Assert.Equal(-1, art.Train([0.9, 0.1], learning: false));
        Assert.Equal(2, art.Categories);
    }

    [Fact]
    public void Matrices_invert_through_lu_with_partial_pivoting_and_singular_ones_are_refused()
    {
        var matrix = new double[,] { { 0, 2, 1 }, { 1, 1, 0 }, { 3, 0, 1 } };
        Assert.True(LuInverse.TryInvert(matrix, out var inverse));
        for (var i = 0; i < 3; i++)
        {
            for (var j = 0; j < 3; j++)
            {
                var product = Enumerable.Range(0, 3).Sum(k => matrix[i, k] * inverse[k, j]);
                Assert.Equal(i == j ? 1 : 0, product, precision: 12);
            }
        }
        Assert.False(LuInverse.TryInvert(new double[,] { { 1, 2 }, { 2, 4 } }, out _));
    }

    [Fact]
    public void Nab_gives_its_detectors_15_percent_of_the_rows_as_probation_up_to_750()
    {
        Assert.Equal(604, NabProbation.Rows(4032));
        Assert.Equal(186, NabProbation.Rows(1243));
        Assert.Equal(750, NabProbation.Rows(22695));
    }

    private static int[] Iterate(Py27IntDict dict)
    {
        var keys = new List<int>();
        foreach (var key in dict.Keys)
        {
            if (key >= 0) keys.Add(key);
        }
        return [.. keys];
    }
}
