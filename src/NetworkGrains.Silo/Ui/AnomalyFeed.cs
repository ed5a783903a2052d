using System.Runtime.CompilerServices;
using System.Threading.Channels;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Grains.Anomalies;

namespace NetworkGrains.Silo.Ui;

/// <summary>
/// What the inbox shows live: while someone follows, the anomaly list's newest <see cref="Window"/> are read once a
/// second (one query, however many pages follow) and the anomalies that are new or changed since the last read are
/// handed to each follower. The list is the source (not the stream), so every silo's anomalies are seen.
/// </summary>
public sealed partial class AnomalyFeed(IAnomalyLog log, TimeProvider clock, ILogger<AnomalyFeed> logger) : BackgroundService
{
    public const int Window = 100;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly Lock _gate = new();
    private readonly List<Channel<Anomaly[]>> _followers = [];
    private readonly SemaphoreSlim _followed = new(0);
    private Dictionary<string, Anomaly> _latest = new(StringComparer.Ordinal);

    /// <summary>
    /// First the newest anomalies as last read, then each batch of new or changed ones. Which are new to a page is the
    /// page's business: it knows the ones it was rendered with.
    /// </summary>
    public async IAsyncEnumerable<Anomaly[]> Follow([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<Anomaly[]>(new BoundedChannelOptions(16) { FullMode = BoundedChannelFullMode.DropOldest });
        Anomaly[] current;
        lock (_gate)
        {
            _followers.Add(channel);
            current = [.. _latest.Values.OrderBy(a => a.LastSeen)];
        }

        _followed.Release();
        try
        {
            if (current.Length > 0) yield return current;
            await foreach (var batch in channel.Reader.ReadAllAsync(cancellationToken)) yield return batch;
        }
        finally
        {
            lock (_gate) _followers.Remove(channel);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            if (Followers() == 0)
            {
                await _followed.WaitAsync(stoppingToken); // sleeps while nobody follows
                continue;
            }

            await ReadOnce(stoppingToken);
            await Task.Delay(Interval, clock, stoppingToken);
        }
    }

    private int Followers()
    {
        lock (_gate) return _followers.Count;
    }

    private async Task ReadOnce(CancellationToken cancellationToken)
    {
        Anomaly[] items;
        try
        {
            (items, _) = await log.Query(new AnomalyQuery(null, null, null, null, 1, Window), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogReadFailed(ex);
            return;
        }

        lock (_gate)
        {
            var changed = items.Where(a => !_latest.TryGetValue(a.Id, out var known) || Differs(known, a)).OrderBy(a => a.LastSeen).ToArray();
            _latest = items.ToDictionary(a => a.Id, StringComparer.Ordinal);
            if (changed.Length == 0) return;
            foreach (var follower in _followers) follower.Writer.TryWrite(changed);
        }
    }

    private static bool Differs(Anomaly a, Anomaly b) =>
        a.Status != b.Status || a.Severity != b.Severity || a.Count != b.Count || a.LastSeen != b.LastSeen;

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live anomaly feed could not read the anomaly list; it tries again in a second")]
    private partial void LogReadFailed(Exception ex);
}
