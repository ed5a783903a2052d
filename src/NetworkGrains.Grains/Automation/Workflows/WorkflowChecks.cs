using System.Globalization;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Problems;

namespace NetworkGrains.Grains.Automation.Workflows;

/// <summary>
/// Evaluates a condition step's check against the device (SNMP GET, its latest metrics) or the run's anomaly:
/// true or false, or null when the value cannot be read (no data yet, no such field), which is not a "false".
/// </summary>
public sealed class WorkflowChecks(IGrainFactory grains)
{
    public const string InOctets = "ifHCInOctets";
    public const string OutOctets = "ifHCOutOctets";
    public const string Speed = "ifHighSpeed";

    public async Task<(bool? Passed, string Detail)> EvaluateAsync(WorkflowCheck check, ActionScope scope)
    {
        if (!scope.TryFill(check.Value, out var expected, out var missing) || !scope.TryFill(check.Target ?? "", out var target, out missing))
            return (null, $"no value for {missing}");
        string? actual;
        try
        {
            actual = check.Source switch
            {
                CheckSource.SnmpGet => (await Device(scope).SnmpGet([target]))[0],
                CheckSource.Metric => Format(Latest(await Device(scope).GetSeries(), target, scope.Instance)),
                CheckSource.Utilisation => Format(Utilisation(await Device(scope).GetSeries(), scope.Instance)),
                _ => AnomalyField(scope, target),
            };
        }
        catch (Exception ex) when (ex is DomainProblem or InvalidOperationException or TimeoutException or KeyNotFoundException or System.Net.Sockets.SocketException)
        {
            return (null, $"{SnakeCaseNames.Of(check.Source)} {target}: {ex.Message}"); // no polling profile, an agent that does not answer
        }

        if (actual is null) return (null, $"{SnakeCaseNames.Of(check.Source)} {target}: no value");
        return (Comparison.Holds(actual, check.Operator, expected), $"{SnakeCaseNames.Of(check.Source)} {target} = {actual} ({check.Operator} {expected})".Replace("  ", " ", StringComparison.Ordinal));
    }

    /// <summary>Percent of ifHighSpeed (Mbit/s) used by the busier direction's octet rate; null without speed or traffic.</summary>
    public static double? Utilisation(SeriesSummary[] series, string? instance)
    {
        var speed = Latest(series, Speed, instance);
        var busiest = Math.Max(Latest(series, InOctets, instance) ?? -1, Latest(series, OutOctets, instance) ?? -1);
        return speed is > 0 && busiest >= 0 ? busiest * 8 / (speed.Value * 1e6) * 100 : null;
    }

    private static double? Latest(SeriesSummary[] series, string metric, string? instance) =>
        series.FirstOrDefault(s => s.Metric == metric && s.Instance == instance)?.Last;

    private static string? Format(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string? AnomalyField(ActionScope scope, string field) => scope.Anomaly is not { } anomaly ? null : field switch
    {
        "status" => SnakeCaseNames.Of(anomaly.Status),
        "severity" => SnakeCaseNames.Of(anomaly.Severity),
        "category" => SnakeCaseNames.Of(anomaly.Category),
        "count" => anomaly.Count.ToString(CultureInfo.InvariantCulture),
        "score" => Format(anomaly.Score),
        "confidence" => Format(anomaly.Confidence),
        _ => null,
    };

    private IDeviceGrain Device(ActionScope scope) =>
        grains.GetGrain<IDeviceGrain>(scope.DeviceId ?? throw new InvalidOperationException($"{scope.Origin} has no device to check"));
}
