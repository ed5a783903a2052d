using NetworkGrains.ML.Drift;

namespace NetworkGrains.ML.Tests.Drift;

public sealed class PopulationStabilityTests
{
    private static List<float[]> Rows(int count, int seed, float shift = 0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(_ => new[] { (float)random.NextDouble() * 100 + shift, (float)(random.NextDouble() * random.NextDouble()) }).ToList();
    }

    [Fact]
    public void The_same_distribution_is_stable_and_a_shifted_one_is_drift()
    {
        var training = FeatureDistribution.FromRows(["load", "errors"], Rows(5000, seed: 1));
        var same = new PopulationStability(training);
        var shifted = new PopulationStability(training);

        foreach (var row in Rows(2000, seed: 2)) same.Add(row);
        foreach (var row in Rows(2000, seed: 3, shift: 30)) shifted.Add(row);

        Assert.All(same.Compute().Values, psi => Assert.True(psi < 0.02, $"{psi}"));
        var drift = shifted.Compute();
        Assert.True(drift["load"] > 0.25, $"{drift["load"]}");
        Assert.True(drift["errors"] < 0.02, $"{drift["errors"]}");
    }

    [Fact]
    public void Deciles_hold_a_tenth_each_and_survive_a_JSON_round_trip()
    {
        var training = FeatureDistribution.FromRows(["load", "errors"], Rows(5000, seed: 1));

        Assert.All(training.Shares[0], share => Assert.InRange(share, 0.09, 0.11));
        var copy = FeatureDistribution.FromJson(training.ToJson())!;
        Assert.Equal(training.Edges[1], copy.Edges[1]);
        Assert.Null(FeatureDistribution.FromJson("{not json"));
        Assert.Null(FeatureDistribution.FromJson("""{"Features":["a"],"Edges":[],"Shares":[]}"""));
    }

    [Theory]
    [InlineData(0.5, 0)]
    [InlineData(1, 1)]
    [InlineData(1.5, 1)]
    [InlineData(3, 3)]
    [InlineData(9, 3)]
    public void A_value_on_an_edge_goes_to_the_bin_above(double value, int bin) =>
        Assert.Equal(bin, FeatureDistribution.BinOf([1, 2, 3], value));
}
