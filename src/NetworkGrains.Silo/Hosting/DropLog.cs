using System.Diagnostics.Metrics;

namespace NetworkGrains.Silo.Hosting;

/// <summary>
/// A listener's drops: each counted by reason in its counter (/metrics), and logged at most once a minute per reason
/// (a flood of bad packets must not become a flood of log lines).
/// </summary>
public sealed class DropLog(Counter<long> counter, TimeProvider clock)
{
    private readonly Dictionary<string, DateTimeOffset> _lastLogged = [];

    /// <summary>Counts the drops; true when the caller should log this one (the first of its reason in a minute).</summary>
    public bool Count(string reason, int count = 1)
    {
        counter.Add(count, new KeyValuePair<string, object?>("reason", reason));
        var now = clock.GetUtcNow();
        lock (_lastLogged)
        {
            if (_lastLogged.TryGetValue(reason, out var last) && now - last < TimeSpan.FromMinutes(1)) return false;
            _lastLogged[reason] = now;
        }
        return true;
    }
}
