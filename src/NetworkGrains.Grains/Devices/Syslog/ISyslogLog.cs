using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Grains.Devices.Syslog;

/// <summary>
/// Where a device's syslog messages are kept outside its grain: every one in syslog_message (Postgres profile), the
/// newest per device in memory (default profile). A device grain keeps its newest messages in memory and reads older
/// ones back from here when first asked, so its state writes never carry a log.
/// </summary>
public interface ISyslogLog
{
    /// <summary>Queues a device's messages (oldest first) for keeping; false when the queue is full (the caller counts the drop).</summary>
    bool TryAppend(string deviceId, IReadOnlyList<SyslogEntry> entries);

    /// <summary>The newest <paramref name="count"/> messages received before <paramref name="before"/>, oldest first.</summary>
    Task<SyslogEntry[]> ReadRecentAsync(string deviceId, int count, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>
    /// The newest <see cref="SyslogQuery.Last"/> messages the log keeps for the device at the query's severity or more
    /// severe and containing its text (any case), newest first. Messages still queued for writing are not among them.
    /// </summary>
    Task<SyslogEntry[]> SearchAsync(string deviceId, SyslogQuery query, CancellationToken cancellationToken);
}
