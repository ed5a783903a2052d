namespace NetworkGrains.ML.Detectors;

/// <summary>A metric's usual value and robust scale, from one series or pooled over a device's peers (<see cref="Pool"/>).</summary>
public readonly record struct PeerPrior(double Median, double Scale)
{
    /// <summary>
    /// The peers' series as one prior (null with fewer than <paramref name="minimum"/>: a few series' first minutes are
    /// too rough a guide): the median of their medians,
    /// and as scale the largest of their median scale, the spread of their medians (1.4826 MAD) and an eighth of
    /// the medians' range, so that a value within the range of the peers' usual values is never 8 deviations out
    /// (peers of one role differ in size; a prior must not call the largest of them extreme).
    /// </summary>
    public static PeerPrior? Pool(IEnumerable<PeerPrior> series, int minimum = 5)
    {
        var usable = series.Where(s => double.IsFinite(s.Median) && double.IsFinite(s.Scale)).ToArray();
        if (usable.Length < minimum) return null;
        var medians = usable.Select(s => s.Median).Order().ToArray();
        var scales = usable.Select(s => s.Scale).Order().ToArray();
        var (median, spread) = MedianTracker.ExactMedianAndMad(medians);
        var (typicalScale, _) = MedianTracker.ExactMedianAndMad(scales);
        return new PeerPrior(median, Math.Max(typicalScale, Math.Max(1.4826 * spread, (medians[^1] - medians[0]) / ColdStartRule.Deviations)));
    }
}
