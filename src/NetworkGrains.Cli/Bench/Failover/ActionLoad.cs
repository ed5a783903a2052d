using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace NetworkGrains.Cli.Bench.Failover;

/// <summary>
/// Rule actions under the kill: one rule with a webhook for the anomalies of the spike devices, and a cpu spike posted
/// on the next of them every <c>every</c> (each opens one anomaly, so one action). The receiver keeps, per anomaly,
/// the idempotency keys it was given: one key is the action done once; a second key would be the action doubled.
/// </summary>
public sealed class ActionLoad : IDisposable
{
    public const string RuleId = "failover-hook";
    private readonly FailoverClient _api;
    private readonly string[] _devices;
    private readonly BenchWebhookReceiver _receiver;
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, int>> _keysByAnomaly = new();
    private readonly ConcurrentBag<string> _spiked = [];

    public ActionLoad(FailoverClient api, string[] devices)
    {
        _api = api;
        _devices = devices;
        _receiver = new BenchWebhookReceiver((body, key, _) =>
        {
            var keys = _keysByAnomaly.GetOrAdd(body.GetProperty("anomaly").GetProperty("id").GetString()!, _ => new());
            keys.AddOrUpdate(key ?? "", 1, (_, count) => count + 1);
        });
    }

    /// <summary>Spike devices whose spike post was acknowledged: each must have its anomaly, and that its action.</summary>
    public IReadOnlyCollection<string> Spiked => _spiked;
    public IReadOnlyDictionary<string, ConcurrentDictionary<string, int>> KeysByAnomaly => _keysByAnomaly;

    public async Task DefineRuleAsync()
    {
        var rule = new { id = RuleId, trigger = new { devices = _devices }, actions = new[] { new { type = "webhook", url = _receiver.Url, secret = "failover-secret-0123456789" } } };
        if (await _api.SendAsync(HttpMethod.Post, "/api/v1/automation/rules", JsonContent.Create(rule), 0) is not { Status: HttpStatusCode.Created or HttpStatusCode.OK })
            throw new InvalidOperationException("defining the rule failed");
    }

    public async Task RunAsync(TimeSpan every, CancellationToken stop)
    {
        for (var i = 0; i < _devices.Length && !stop.IsCancellationRequested; i++)
        {
            // 1,600 minutes of cpu 20-22 ending a day and a half ago, 400 at minute 1,500: the detector calls it an anomaly.
            var start = DateTimeOffset.UtcNow.AddDays(-2);
            var readings = Enumerable.Range(0, 1600).Select(m => new { metric = "cpu", timestamp = start.AddMinutes(m), value = m == 1500 ? 400.0 : 20 + m % 3 });
            if (await _api.SendAsync(HttpMethod.Post, $"/api/v1/devices/{_devices[i]}/telemetry", JsonContent.Create(readings), i) is { Status: HttpStatusCode.OK })
                _spiked.Add(_devices[i]);
            try { await Task.Delay(every, stop); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>The anomalies the spike devices have (id and device), as the API lists them.</summary>
    public async Task<List<(string Id, string Device)>> AnomaliesAsync()
    {
        var ids = new List<(string, string)>();
        foreach (var device in _devices)
        {
            var answer = await _api.SendAsync(HttpMethod.Get, $"/api/v1/anomalies?device={device}&limit=100", null, 0)
                ?? throw new InvalidOperationException($"listing {device}'s anomalies failed");
            ids.AddRange(JsonDocument.Parse(answer.Body).RootElement.GetProperty("items").EnumerateArray().Select(a => (a.GetProperty("id").GetString()!, device)));
        }
        return ids;
    }

    public void Dispose() => _receiver.Dispose();
}
