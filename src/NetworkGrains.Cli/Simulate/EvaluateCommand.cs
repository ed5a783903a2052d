using System.Net.Http.Json;
using System.Text.Json;

namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// `ngctl evaluate --truth FILE`: the anomalies a silo opened on the simulated devices during the run, matched to the
/// incidents the simulator injected. An anomaly on an incident's device first seen from <see cref="Lead"/> before its
/// start to <c>--grace</c> after its end detects it; any other anomaly on a simulated device in the run is a false
/// alarm. Prints recall and time to detect per incident kind, and the precision over all of them.
/// </summary>
public static class EvaluateCommand
{
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(30);

    public sealed record AnomalySeen(string Id, string DeviceId, string Category, DateTimeOffset FirstSeen);

    public sealed record KindResult(string Kind, int Incidents, int Detected, double Recall, double? MedianSecondsToDetect, string[] Categories);

    public sealed record Evaluation(KindResult[] Kinds, int Anomalies, int Matched, double Precision, double Recall);

    public static async Task<int> RunAsync(CommandLine options)
    {
        var truth = GroundTruth.Read(options.Text("truth") ?? throw new UsageException("--truth FILE is required"));
        var silo = options.Text("silo") ?? SiloSetup.DefaultSilo;
        var apiKey = SiloSetup.ApiKey(options);
        var grace = TimeSpan.FromSeconds(options.Int("grace", 120));
        var json = options.Text("json");
        options.EnsureAllRead();

        using var http = SiloSetup.Client(silo, apiKey);
        var anomalies = await FetchAsync(http, truth);
        var evaluation = Evaluate(truth, anomalies, grace);
        Console.WriteLine($"{"incident",-16} {"incidents",9} {"detected",8} {"recall",7} {"median TTD",11}  categories");
        foreach (var kind in evaluation.Kinds)
            Console.WriteLine($"{kind.Kind,-16} {kind.Incidents,9} {kind.Detected,8} {kind.Recall,7:P0} {(kind.MedianSecondsToDetect is { } ttd ? $"{ttd:0} s" : "-"),11}  {string.Join(", ", kind.Categories)}");
        Console.WriteLine($"precision {evaluation.Precision:P0} ({evaluation.Matched} of {evaluation.Anomalies} anomalies on simulated devices match an incident), recall {evaluation.Recall:P0}");
        if (json is not null) await File.WriteAllTextAsync(json, JsonSerializer.Serialize(evaluation, GroundTruth.Json));
        return 0;
    }

    public static Evaluation Evaluate(GroundTruth truth, IReadOnlyList<AnomalySeen> anomalies, TimeSpan grace)
    {
        bool Matches(AnomalySeen a, Incident i) => a.DeviceId == i.Device && a.FirstSeen >= i.Start - Lead && a.FirstSeen <= i.End + grace;
        var kinds = truth.Incidents.GroupBy(i => i.Kind).Select(group =>
        {
            var detections = group.Select(i => anomalies.Where(a => Matches(a, i)).OrderBy(a => a.FirstSeen).ToList()).ToList();
            var detected = detections.Where(d => d.Count > 0).ToList();
            var delays = group.Zip(detections).Where(p => p.Second.Count > 0)
                .Select(p => Math.Max(0, (p.Second[0].FirstSeen - p.First.Start).TotalSeconds)).Order().ToList();
            return new KindResult(GroundTruth.Name(group.Key), group.Count(), detected.Count, (double)detected.Count / group.Count(),
                delays.Count == 0 ? null : delays[delays.Count / 2], [.. detected.SelectMany(d => d).Select(a => a.Category).Distinct().Order()]);
        }).ToArray();
        var matched = anomalies.Count(a => truth.Incidents.Any(i => Matches(a, i)));
        var incidents = truth.Incidents.Length;
        return new Evaluation(kinds, anomalies.Count, matched, anomalies.Count == 0 ? 0 : (double)matched / anomalies.Count,
            incidents == 0 ? 0 : (double)kinds.Sum(k => k.Detected) / incidents);
    }

    /// <summary>Anomalies on the run's devices first seen during the run (history posted before it does not count).</summary>
    private static async Task<List<AnomalySeen>> FetchAsync(HttpClient http, GroundTruth truth)
    {
        var devices = truth.Devices.ToHashSet();
        var seen = new List<AnomalySeen>();
        for (var page = 1; ; page++)
        {
            using var response = await http.GetAsync($"/api/v1/anomalies?time_range=24h&limit=1000&page={page}");
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"the silo refused the anomaly list: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            foreach (var item in body.GetProperty("items").EnumerateArray())
            {
                var anomaly = new AnomalySeen(item.GetProperty("id").GetString()!, item.GetProperty("deviceId").GetString()!, item.GetProperty("category").GetString()!,
                    item.GetProperty("firstSeen").GetDateTimeOffset());
                if (devices.Contains(anomaly.DeviceId) && anomaly.FirstSeen >= truth.RunStart) seen.Add(anomaly);
            }
            if (page >= body.GetProperty("pagination").GetProperty("pages").GetInt32()) return seen;
        }
    }
}
