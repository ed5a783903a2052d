using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace NetworkGrains.Cli.Bench.Failover;

/// <summary>
/// REST calls spread over the silos as a client behind a load balancer makes them: a 503 or 429 (Retry-After), a
/// refused or broken connection, or no answer is tried again on the next silo, until an answer or the call's deadline.
/// It measures what the issue asks: how long a running silo took to answer (any answer, a 503 included), and how
/// many calls failed for good.
/// </summary>
public sealed class FailoverClient(IReadOnlyList<FailoverSilo> silos, string apiKey)
{
    public static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);
    private readonly HttpClient[] _clients = silos.Select(silo => new HttpClient
    {
        BaseAddress = silo.Url,
        Timeout = TimeSpan.FromSeconds(30),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", apiKey) },
    }).ToArray();
    private long _slowestTicks;
    private long _slowAnswers;
    private long _retried;
    private long _failed;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _slow = new();

    /// <summary>The longest a running silo took to answer (or to time out): the bound is 5 s.</summary>
    public TimeSpan SlowestAnswer => TimeSpan.FromTicks(Interlocked.Read(ref _slowestTicks));
    public long SlowAnswers => Interlocked.Read(ref _slowAnswers);
    public long Retried => Interlocked.Read(ref _retried);
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>The first slow answers and failed calls: when (seconds since the start), from which silo, what.</summary>
    public IEnumerable<string> Slow => _slow;
    private readonly Stopwatch _started = Stopwatch.StartNew();
    public TimeSpan Elapsed => _started.Elapsed;

    /// <summary>The slowest answer and the answers over 5 s so far, and a new start for both (the failed calls go on counting).</summary>
    public (TimeSpan Slowest, long Slow) TakeAnswers()
    {
        var taken = (SlowestAnswer, SlowAnswers);
        (_slowestTicks, _slowAnswers) = (0, 0);
        return taken;
    }

    /// <summary>Restarts the records (at the kill: what the issue bounds is the survivors' answers from then on).</summary>
    public void ResetFigures()
    {
        (_slowestTicks, _slowAnswers, _retried, _failed) = (0, 0, 0, 0);
        _slow.Clear();
    }

    /// <summary>The answer's status and body; null when the call failed for good (counted).</summary>
    public async Task<(HttpStatusCode Status, string Body)?> SendAsync(HttpMethod method, string path, HttpContent? content, int firstSilo)
    {
        var body = content is null ? null : await content.ReadAsByteArrayAsync();
        var mediaType = content?.Headers.ContentType;
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; clock.Elapsed < Deadline; attempt++)
        {
            var index = (firstSilo + attempt) % silos.Count;
            if (attempt > 0) Interlocked.Increment(ref _retried);
            if (!silos[index].Running) continue;
            using var request = new HttpRequestMessage(method, path);
            if (body is not null) request.Content = new ByteArrayContent(body) { Headers = { ContentType = mediaType } };
            var call = Stopwatch.StartNew();
            try
            {
                using var response = await _clients[index].SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Record(call.Elapsed, silos[index], $"{method} {path}: {(int)response.StatusCode}");
                if (response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests)
                {
                    if (attempt % silos.Count == silos.Count - 1) await Task.Delay(RetryAfter(response));
                    continue;
                }
                if ((int)response.StatusCode >= 500) break;
                return (response.StatusCode, text);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // A refused or broken connection is the killed silo's; no answer from a running one is a slow answer.
                if (ex is TaskCanceledException) Record(call.Elapsed, silos[index], $"{method} {path}: no answer");
                if (attempt % silos.Count == silos.Count - 1) await Task.Delay(200);
            }
        }
        Interlocked.Increment(ref _failed);
        if (_slow.Count < 20) _slow.Enqueue($"{_started.Elapsed.TotalSeconds:F1} s: {method} {path} failed");
        return null;
    }

    private void Record(TimeSpan took, FailoverSilo silo, string what)
    {
        if (!silo.Running) return; // it died during the call: not a survivor's answer
        if (took > AnswerBound && Interlocked.Increment(ref _slowAnswers) <= 10)
            _slow.Enqueue($"{_started.Elapsed.TotalSeconds:F1} s: silo {silo.Index} took {took.TotalSeconds:F1} s: {what}");
        long seen;
        while (took.Ticks > (seen = Interlocked.Read(ref _slowestTicks)) && Interlocked.CompareExchange(ref _slowestTicks, took.Ticks, seen) != seen) { }
    }

    private static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta is { } delta ? delta : TimeSpan.FromSeconds(1);
}
