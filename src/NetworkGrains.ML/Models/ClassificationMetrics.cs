namespace NetworkGrains.ML.Models;

/// <summary>Validation metrics of scores against 0/1 labels: at the model's threshold, and AUC-ROC over all thresholds.</summary>
public static class ClassificationMetrics
{
    public static Dictionary<string, double> Compute(IReadOnlyList<float> scores, IReadOnlyList<bool> labels, double threshold)
    {
        if (scores.Count != labels.Count || scores.Count == 0) throw new ArgumentException("one label per score, at least one");
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < scores.Count; i++)
        {
            var predicted = scores[i] >= threshold;
            if (predicted && labels[i]) tp++;
            else if (predicted) fp++;
            else if (labels[i]) fn++;
            else tn++;
        }

        double precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        double recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var metrics = new Dictionary<string, double>
        {
            ["accuracy"] = (double)(tp + tn) / scores.Count,
            ["precision"] = precision,
            ["recall"] = recall,
            ["f1"] = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            ["rows"] = scores.Count,
        };
        if (AucRoc(scores, labels) is var auc && double.IsFinite(auc)) metrics["auc_roc"] = auc;
        return metrics;
    }

    /// <summary>The probability that a random positive outscores a random negative (ties count half): Mann-Whitney U. NaN without both classes.</summary>
    public static double AucRoc(IReadOnlyList<float> scores, IReadOnlyList<bool> labels)
    {
        var positives = labels.Count(l => l);
        var negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        var ranked = scores.Select((s, i) => (Score: s, Positive: labels[i])).OrderBy(x => x.Score).ToArray();
        double positiveRankSum = 0;
        for (var i = 0; i < ranked.Length;)
        {
            var j = i;
            while (j < ranked.Length && ranked[j].Score == ranked[i].Score) j++;
            var averageRank = (i + 1 + j) / 2.0;
            for (var k = i; k < j; k++) if (ranked[k].Positive) positiveRankSum += averageRank;
            i = j;
        }

        return (positiveRankSum - positives * (positives + 1) / 2.0) / ((double)positives * negatives);
    }
}
