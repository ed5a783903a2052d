using System.Collections.Concurrent;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// What this receiver knows of the clocks of the engines that send it authenticated v3 traps, to refuse replays
/// (RFC 3414 §3.2 step 7b, the non-authoritative side): a trap whose boots are older than the newest seen, or whose
/// time lags our estimate of that engine's time by more than 150 s, is outside the time window. Newer values move
/// the estimate forward. Bounded: a flood of invented engine IDs starts the table over.
/// </summary>
public sealed class RemoteEngineClocks(TimeProvider clock)
{
    private const int TimeWindowSeconds = 150;
    private const int MaxEngines = 100_000;
    private const int LastBoots = int.MaxValue; // RFC 3414: an engine at the last boots value is never in the window

    private readonly ConcurrentDictionary<string, Clock> _clocks = new();

    public bool InTimeWindow(ReadOnlySpan<byte> engineId, int boots, int engineTime)
    {
        var key = Convert.ToHexString(engineId);
        var now = clock.GetUtcNow();
        if (!_clocks.TryGetValue(key, out var known))
        {
            if (_clocks.Count >= MaxEngines) _clocks.Clear();
            _clocks[key] = new Clock(boots, engineTime, now);
            return boots != LastBoots;
        }
        var estimatedTime = known.Time + (long)(now - known.LearntAt).TotalSeconds;
        if (boots == LastBoots || boots < known.Boots || (boots == known.Boots && engineTime < estimatedTime - TimeWindowSeconds)) return false;
        if (boots > known.Boots || engineTime > estimatedTime) _clocks[key] = new Clock(boots, engineTime, now);
        return true;
    }

    private sealed record Clock(int Boots, int Time, DateTimeOffset LearntAt);
}
