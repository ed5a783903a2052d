using System.Globalization;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Automation;

/// <summary>Evaluates a rule's "where" expressions against an anomaly and its device's record (null when unknown).</summary>
public static class RuleExpressions
{
    public static bool Hold(IEnumerable<RuleExpression> where, Anomaly anomaly, DeviceRecord? device) => where.All(e => Holds(e, anomaly, device));

    public static bool Holds(RuleExpression expression, Anomaly anomaly, DeviceRecord? device)
    {
        if (expression.Field == "device.tags")
        {
            var tagged = device?.Tags.Contains(expression.Value, StringComparer.OrdinalIgnoreCase) == true;
            return expression.Operator switch { "contains" or "==" => tagged, "!=" => !tagged, _ => false };
        }

        if (expression.Operator == "contains") return false;
        if (expression.Field == "anomaly.severity")
            return SnakeCaseNames.Parse<AnomalySeverity>(expression.Value) is { } wanted
                   && Comparison.Holds(Rank(anomaly.Severity), expression.Operator, Rank(wanted));
        return Comparison.Holds(Value(expression.Field, anomaly, device) ?? "", expression.Operator, expression.Value);
    }

    private static string Rank(AnomalySeverity severity) => ((int)severity).ToString(CultureInfo.InvariantCulture);

    private static string? Value(string field, Anomaly anomaly, DeviceRecord? device) => field switch
    {
        "anomaly.category" => SnakeCaseNames.Of(anomaly.Category),
        "anomaly.score" => anomaly.Score.ToString("R", CultureInfo.InvariantCulture),
        "anomaly.confidence" => anomaly.Confidence.ToString("R", CultureInfo.InvariantCulture),
        "anomaly.count" => anomaly.Count.ToString(CultureInfo.InvariantCulture),
        "anomaly.peak" => anomaly.Peak.ToString("R", CultureInfo.InvariantCulture),
        "anomaly.metric" => anomaly.Metric,
        "anomaly.instance" => anomaly.Instance,
        "device.site" => device?.Site,
        "device.role" => device?.Role,
        "device.vendor" => device?.Vendor,
        "device.model" => device?.Model,
        _ => null,
    };
}
