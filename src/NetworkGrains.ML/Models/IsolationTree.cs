namespace NetworkGrains.ML.Models;

/// <summary>
/// One isolation tree as flat node arrays (node 0 is the root). A branch sends x[feature] &lt; threshold to
/// <see cref="Left"/>; a leaf's <see cref="PathLength"/> is its depth plus the expected depth of the rows it still holds.
/// </summary>
public sealed record IsolationTree(int[] Feature, float[] Threshold, int[] Left, int[] Right, float[] PathLength)
{
    public int NodeCount => Feature.Length;

    public bool IsLeaf(int node) => Left[node] < 0;

    public float PathLengthOf(ReadOnlySpan<float> row)
    {
        var node = 0;
        while (!IsLeaf(node))
        {
            node = row[Feature[node]] < Threshold[node] ? Left[node] : Right[node];
        }

        return PathLength[node];
    }

    /// <summary>Expected path length of an unsuccessful search in a binary search tree of n rows: c(n) of Liu et al.</summary>
    public static double AveragePathLength(int n) => n switch
    {
        <= 1 => 0,
        2 => 1,
        _ => 2 * (Math.Log(n - 1) + 0.5772156649015329) - 2.0 * (n - 1) / n,
    };

    public static IsolationTree Grow(IReadOnlyList<float[]> sample, int maxDepth, Random random)
    {
        var builder = new Builder(random, maxDepth);
        builder.Split(sample.ToArray(), depth: 0);
        return builder.ToTree();
    }

    private sealed class Builder(Random random, int maxDepth)
    {
        private readonly List<int> _feature = [];
        private readonly List<float> _threshold = [];
        private readonly List<int> _left = [];
        private readonly List<int> _right = [];
        private readonly List<float> _pathLength = [];

        public int Split(float[][] rows, int depth)
        {
            var node = AddNode();
            if (depth >= maxDepth || rows.Length <= 1 || !TryChooseSplit(rows, out var feature, out var threshold))
            {
                _pathLength[node] = (float)(depth + AveragePathLength(rows.Length));
                return node;
            }

            _feature[node] = feature;
            _threshold[node] = threshold;
            var left = Split(rows.Where(r => r[feature] < threshold).ToArray(), depth + 1);
            _left[node] = left;
            _right[node] = Split(rows.Where(r => r[feature] >= threshold).ToArray(), depth + 1);
            return node;
        }

        public IsolationTree ToTree() => new([.. _feature], [.. _threshold], [.. _left], [.. _right], [.. _pathLength]);

        private int AddNode()
        {
            _feature.Add(0);
            _threshold.Add(0);
            _left.Add(-1);
            _right.Add(-1);
            _pathLength.Add(0);
            return _feature.Count - 1;
        }

        /// <summary>A random feature that still varies, cut at a uniform point strictly above its minimum.</summary>
        private bool TryChooseSplit(float[][] rows, out int feature, out float threshold)
        {
            var candidates = Enumerable.Range(0, rows[0].Length).OrderBy(_ => random.Next()).ToArray();
            foreach (var f in candidates)
            {
                var min = rows.Min(r => r[f]);
                var max = rows.Max(r => r[f]);
                if (max > min)
                {
                    var cut = (float)(min + random.NextDouble() * (max - min));
                    feature = f;
                    threshold = cut > min ? cut : MathF.BitIncrement(min);
                    return true;
                }
            }

            feature = 0;
            threshold = 0;
            return false;
        }
    }
}
