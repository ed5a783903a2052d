using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Syslog;

namespace NetworkGrains.Silo.Application;

/// <summary>
/// A device's syslog messages (REST's logs): the newest from the device, which holds the last
/// thousand; a filtered read that finds fewer there also searches the syslog log (every message within retention in
/// the Postgres profile), so a search is not limited to the newest thousand.
/// </summary>
public sealed class SyslogReads(IGrainFactory grains, ISyslogLog log)
{
    public async Task<SyslogEntry[]> Newest(string deviceId, SyslogQuery query, CancellationToken cancellationToken)
    {
        var held = await grains.GetGrain<IDeviceGrain>(deviceId).GetSyslog(query);
        if (!query.Filters || held.Length >= query.Last) return held;
        // The device may hold messages the log has not written yet, and the log what the device holds too.
        var stored = await log.SearchAsync(deviceId, query, cancellationToken);
        return [.. held.Concat(stored).DistinctBy(Identity).OrderByDescending(e => e.ReceivedAt).Take(query.Last)];
    }

    /// <summary>A message as both sides tell it apart (the log keeps times to the microsecond).</summary>
    private static (long, string, string) Identity(SyslogEntry entry) => (entry.ReceivedAt.UtcTicks / 10, entry.SourceAddress, entry.Message);
}
