using System.Diagnostics;
using Serilog.Events;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// Drops Orleans' watchdog warning of a stalled participant check when the stall it reports is longer than this
/// process has been running: its first check measures from the machine's boot (an unset timestamp), so every silo
/// start warned of "lock contention or deadlock" for the machine's uptime. A real stall is shorter than that, and kept.
/// </summary>
public static class ImpossibleStallFilter
{
    private const string Watchdog = "Orleans.Runtime.Watchdog";
    private const string Stall = "TimeSinceLastTick";
    private static readonly long Started = Stopwatch.GetTimestamp();

    public static bool IsImpossible(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: Watchdog }
        && logEvent.Properties.TryGetValue(Stall, out var stall) && Duration(stall) is { } reported
        && reported > Stopwatch.GetElapsedTime(Started);

    private static TimeSpan? Duration(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: TimeSpan span } => span,
        ScalarValue { Value: string text } when TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
