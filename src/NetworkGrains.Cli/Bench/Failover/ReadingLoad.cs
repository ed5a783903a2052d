using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NetworkGrains.Cli.Bench.Failover;

/// <summary>
/// Telemetry over REST as devices post it: each device one post per period (its readings share a second; post n of a
/// device is at <c>origin + n s</c>), spread over the silos, a device's posts one after the other. A post is
/// acknowledged when a silo answered 2xx with every reading accepted; each acknowledgement's time is kept, to tell
/// afterwards which lost readings the flush window allows.
/// </summary>
public sealed class ReadingLoad(FailoverClient api, string[] devices, int readingsPerPost, TimeSpan period, DateTimeOffset origin)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<int, long>> _acknowledged = new();
    private long _refused;

    public int ReadingsPerPost => readingsPerPost;
    public long Acknowledged => _acknowledged.Values.Sum(posts => (long)posts.Count) * readingsPerPost;
    /// <summary>Readings a silo answered but did not accept (out of order after a retry): the client was told, none lost.</summary>
    public long Refused => Interlocked.Read(ref _refused) * readingsPerPost;

    public async Task RunAsync(int silos, CancellationToken stop) =>
        await Task.WhenAll(devices.Select((device, i) => DeviceAsync(device, i, silos, stop)));

    private async Task DeviceAsync(string device, int index, int silos, CancellationToken stop)
    {
        var posts = _acknowledged.GetOrAdd(device, _ => new());
        var clock = Stopwatch.StartNew();
        var offset = period * index / devices.Length;
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var due = offset + period * n;
            if (due > clock.Elapsed)
            {
                try { await Task.Delay(due - clock.Elapsed, stop); }
                catch (OperationCanceledException) { return; }
            }
            var at = origin.AddSeconds(n);
            var readings = Enumerable.Range(0, readingsPerPost).Select(m => new { metric = m == 0 ? "cpu" : $"gauge{m}", timestamp = at, value = 20.0 + n % 3 });
            var answer = await api.SendAsync(HttpMethod.Post, $"/api/v1/devices/{device}/telemetry", JsonContent.Create(readings), n + index);
            if (answer is not { Status: HttpStatusCode.OK } ok) continue;
            if (JsonDocument.Parse(ok.Body).RootElement.GetProperty("accepted").GetInt32() == readingsPerPost) posts[n] = Stopwatch.GetTimestamp();
            else Interlocked.Increment(ref _refused);
        }
    }

    /// <summary>Readings acknowledged between two <see cref="Stopwatch"/> timestamps (what a window held).</summary>
    public long AcknowledgedBetween(long from, long to) =>
        _acknowledged.Values.Sum(posts => (long)posts.Values.Count(at => at >= from && at <= to)) * readingsPerPost;

    /// <summary>
    /// After the kill at <paramref name="killedAt"/>: how soon the first device that missed its turn (no answer within
    /// <paramref name="late"/> after the kill: it lived on the killed silo) was answered again, and how soon every device was.
    /// </summary>
    public (TimeSpan First, TimeSpan All) Recovery(long killedAt, TimeSpan late)
    {
        var firstAnswers = _acknowledged.Values
            .Select(posts => posts.Values.Where(at => at > killedAt).DefaultIfEmpty(long.MaxValue).Min())
            .Select(at => at == long.MaxValue ? TimeSpan.MaxValue : Stopwatch.GetElapsedTime(killedAt, at)).ToList();
        var missed = firstAnswers.Where(t => t > late).DefaultIfEmpty(TimeSpan.Zero).Min();
        return (missed, firstAnswers.DefaultIfEmpty(TimeSpan.Zero).Max());
    }

    /// <summary>
    /// The acknowledged posts of each device its cpu series no longer has (read back through the API), with the time
    /// each was acknowledged.
    /// </summary>
    public async Task<List<long>> LostAsync(FailoverClient reader)
    {
        var lost = new ConcurrentBag<long>();
        await Parallel.ForEachAsync(_acknowledged, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (pair, _) =>
        {
            var from = Uri.EscapeDataString(origin.AddSeconds(-1).ToString("O"));
            var answer = await reader.SendAsync(HttpMethod.Get, $"/api/v1/devices/{pair.Key}/telemetry?metric=cpu&from={from}", null, 0)
                ?? throw new InvalidOperationException($"reading {pair.Key}'s telemetry back failed");
            var kept = JsonDocument.Parse(answer.Body).RootElement.GetProperty("points").EnumerateArray()
                .Select(p => (int)Math.Round((p.GetProperty("timestamp").GetDateTimeOffset() - origin).TotalSeconds)).ToHashSet();
            foreach (var (n, acknowledgedAt) in pair.Value)
            {
                if (!kept.Contains(n)) lost.Add(acknowledgedAt);
            }
        });
        return [.. lost];
    }
}
