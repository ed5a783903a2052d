using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Flows;

/// <summary>
/// A device's top talkers per minute over the last <see cref="Retention"/>. The current minute builds up in memory
/// and goes to the talker log when the next minute starts (or the grain deactivates); what earlier activations wrote
/// is read back before this one adds anything, so no part is counted twice.
/// </summary>
public sealed class DeviceTalkers(string deviceId, ITalkerLog log, TimeProvider clock)
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(1);

    private readonly List<TalkerMinute> _written = [];
    private TalkerMinute? _open;
    private bool _loaded;

    public async Task AddAsync(DateTimeOffset at, TopTalkers[] talkers)
    {
        if (talkers.Length == 0) return;
        await LoadAsync();
        var minute = new TalkerMinute(at.ToUnixTimeSeconds() / 60, talkers);
        if (_open is null) _open = minute;
        else if (_open.UnixMinute == minute.UnixMinute) _open = Merge(_open.UnixMinute, [_open, minute]);
        else if (_open.UnixMinute < minute.UnixMinute)
        {
            var finished = _open;
            _open = minute;
            await WriteAsync(finished);
        }
        else await WriteAsync(minute); // a late interval of a minute already written: a part of its own
    }

    /// <summary>Writes the current minute as it stands.</summary>
    public async Task CloseAsync()
    {
        if (_open is not { } open) return;
        _open = null;
        await WriteAsync(open);
    }

    public async Task<TopTalkers> QueryAsync(FlowDimension dimension, DateTimeOffset from, DateTimeOffset to)
    {
        await LoadAsync();
        var (first, last) = (from.ToUnixTimeSeconds() / 60, to.ToUnixTimeSeconds() / 60);
        var parts = _written.Append(_open).OfType<TalkerMinute>()
            .Where(m => m.UnixMinute >= first && m.UnixMinute <= last)
            .SelectMany(m => m.Dimensions.Where(d => d.Dimension == dimension));
        return TalkerRanking.Merge(dimension, parts);
    }

    /// <summary>Keeps the part in memory, then in the log (a failure there loses only its durability).</summary>
    private async Task WriteAsync(TalkerMinute minute)
    {
        _written.Add(minute);
        var oldest = clock.GetUtcNow().Add(-Retention).ToUnixTimeSeconds() / 60;
        _written.RemoveAll(m => m.UnixMinute < oldest);
        await log.AppendAsync(deviceId, minute, CancellationToken.None);
    }

    private async Task LoadAsync()
    {
        if (_loaded) return;
        var oldest = clock.GetUtcNow().Add(-Retention).ToUnixTimeSeconds() / 60;
        _written.AddRange(await log.ReadAsync(deviceId, oldest, CancellationToken.None));
        _loaded = true;
    }

    private static TalkerMinute Merge(long unixMinute, TalkerMinute[] parts) => new(unixMinute,
        parts.SelectMany(p => p.Dimensions).GroupBy(d => d.Dimension).Select(g => TalkerRanking.Merge(g.Key, g)).ToArray());
}
