using System.Text.Json.Nodes;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;

namespace NetworkGrains.Grains.Automation;

/// <summary>The card a teams_notify action posts: the title, the anomaly's facts and what drove the verdict.</summary>
public static class AnomalyCard
{
    public static JsonObject Build(string? title, ActionScope scope)
    {
        var heading = scope.TryFill(title ?? "", out var filled, out _) && filled.Length > 0 ? filled : $"NetworkGrains: {scope.Origin}";
        if (scope.Anomaly is not { } anomaly)
            return TeamsCards.Card(TeamsCards.Text(heading, "Medium", "Bolder"), TeamsCards.Facts([("Device", scope.DeviceId ?? "-"), ("From", scope.Origin)]));

        var explanation = anomaly.Explanation.Take(5).Select(e =>
            (JsonNode)TeamsCards.Text($"{e.Feature}: {TeamsCards.Number(e.Value)}" + (e.Baseline is { } b ? $" (baseline {TeamsCards.Number(b)})" : "")));
        return TeamsCards.Card([
            TeamsCards.Text(heading, "Medium", "Bolder", anomaly.Severity >= AnomalySeverity.High ? "Attention" : null),
            TeamsCards.Facts([
                ("Device", anomaly.DeviceId),
                ("Series", anomaly.Instance is null ? anomaly.Metric : $"{anomaly.Metric} [{anomaly.Instance}]"),
                ("Type", SnakeCaseNames.Of(anomaly.Category)),
                ("Severity", anomaly.Severity.ToString().ToLowerInvariant()),
                ("Confidence", $"{anomaly.Confidence:P1}"),
                ("Status", SnakeCaseNames.Of(anomaly.Status)),
                ("First seen", anomaly.FirstSeen.ToString("u")),
                ("Anomaly", anomaly.Id),
            ]),
            .. explanation,
        ]);
    }
}
