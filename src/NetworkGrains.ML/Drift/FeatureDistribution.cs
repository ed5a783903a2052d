using System.Text.Json;

namespace NetworkGrains.ML.Drift;

/// <summary>
/// The training distribution of each feature as decile edges and the share of training rows in each of the ten
/// bins they make (ties can make shares unequal). Stored in the model card; live rows are binned the same way.
/// </summary>
public sealed record FeatureDistribution(string[] Features, double[][] Edges, double[][] Shares)
{
    public const int Bins = 10;

    public static FeatureDistribution FromRows(IReadOnlyList<string> features, IReadOnlyList<float[]> rows)
    {
        var edges = new double[features.Count][];
        var shares = new double[features.Count][];
        for (var f = 0; f < features.Count; f++)
        {
            var sorted = rows.Select(r => (double)r[f]).Order().ToArray();
            edges[f] = Enumerable.Range(1, Bins - 1).Select(d => sorted[(int)((long)d * (sorted.Length - 1) / Bins)]).ToArray();
            var counts = new double[Bins];
            foreach (var value in sorted) counts[BinOf(edges[f], value)]++;
            shares[f] = counts.Select(c => c / sorted.Length).ToArray();
        }

        return new FeatureDistribution([.. features], edges, shares);
    }

    /// <summary>The bin of a value: the number of edges it is at or above (values equal to an edge go up). Nine edges: a scan.</summary>
    public static int BinOf(double[] edges, double value)
    {
        var bin = 0;
        while (bin < edges.Length && value >= edges[bin]) bin++;
        return bin;
    }

    public string ToJson() => JsonSerializer.Serialize(new Dto(Features, Edges, Shares));

    public static FeatureDistribution? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json)) return null;
        try
        {
            var dto = JsonSerializer.Deserialize<Dto>(json);
            return dto is { Features: not null, Edges: not null, Shares: not null } && dto.Edges.Length == dto.Features.Length && dto.Shares.Length == dto.Features.Length
                ? new FeatureDistribution(dto.Features, dto.Edges, dto.Shares)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Dto(string[] Features, double[][] Edges, double[][] Shares);
}
