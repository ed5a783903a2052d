using System.Net;
using System.Net.Http.Json;
using NetworkGrains.Abstractions.Devices;

namespace NetworkGrains.Cli.Simulate;

/// <summary>
/// Introduces the fleet to a running silo over its REST API, as an operator would: the community as a named SNMP
/// credential, each device with its management address and a polling profile, and a history of readings (one per
/// minute) so that detectors have a past to judge the live polls by.
/// </summary>
public sealed class SiloSetup(HttpClient http)
{
    public const string Credential = "sim-community";
    public const string Rule = "sim-investigate";
    private const int ReadingsPerRequest = 5_000; // under the telemetry endpoint's 1 MB body limit

    public const string DefaultSilo = "http://127.0.0.1:8080";

    /// <summary>The API key: from the file --api-key-file names, else NG_API_KEY, else none (a silo without security).</summary>
    public static string? ApiKey(CommandLine options) =>
        options.Text("api-key-file") is { } keyFile ? File.ReadAllText(keyFile).Trim() : Environment.GetEnvironmentVariable("NG_API_KEY");

    public static HttpClient Client(string url, string? apiKey)
    {
        var http = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null) http.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        return http;
    }

    /// <summary>
    /// The credential, the devices, and a rule that opens an investigation for every anomaly on a simulated device
    /// (so a run shows rules acting); polling starts later (<see cref="PollAsync"/>), once the history is in.
    /// </summary>
    public async Task RegisterAsync(IReadOnlyList<FleetDevice> devices, string community)
    {
        using (var rule = await http.PostAsJsonAsync("/api/v1/automation/rules", new
        {
            id = Rule, description = "ngctl simulate: investigate every anomaly on a simulated device",
            trigger = new { tags = new[] { "simulated" } }, actions = new[] { new { type = "open_investigation" } },
        }))
            await Ensure(rule, "the simulation's rule");
        using (var credential = await http.PutAsJsonAsync($"/api/v1/snmp/credentials/{Credential}", new { type = "community", community }))
            if (credential.StatusCode != HttpStatusCode.Conflict) await Ensure(credential, "the SNMP credential"); // 409: it is configured in the silo
        foreach (var device in devices)
        {
            using var put = await http.PutAsJsonAsync($"/api/v1/devices/{device.Id}", new
            {
                name = device.Id, managementAddress = device.Address.ToString(), site = "sim-lab", role = device.Role, vendor = "NetworkGrains",
                model = "simulated", tags = new[] { "simulated" },
            });
            await Ensure(put, device.Id);
        }
    }

    /// <summary>
    /// Polling profiles for every device. After the history: a device drops readings older than its newest, so
    /// history posted after the first poll would be refused as out of order.
    /// </summary>
    public async Task PollAsync(IReadOnlyList<FleetDevice> devices, int agentPort, TimeSpan pollInterval)
    {
        foreach (var device in devices)
        {
            using var polling = await http.PutAsJsonAsync($"/api/v1/devices/{device.Id}/polling", new
            {
                version = "v2c", credential = Credential, port = agentPort, interval = pollInterval.ToString("c"),
                oidSets = new[] { "system", "interfaces", "host-resources" },
            });
            await Ensure(polling, $"{device.Id}'s polling");
        }
    }

    /// <summary>One reading a minute per series from the device's model, from its start up to <paramref name="until"/>.</summary>
    public async Task PostHistoryAsync(FleetDevice device, DateTimeOffset until)
    {
        var readings = History(device, until).Select(r => new
        {
            metric = r.Metric, instance = r.Instance, timestamp = r.Timestamp, value = r.Value, kind = r.Kind == MetricKind.Gauge ? "gauge" : r.Kind == MetricKind.Counter32 ? "counter32" : "counter64",
        });
        foreach (var chunk in readings.Chunk(ReadingsPerRequest))
        {
            using var posted = await http.PostAsJsonAsync($"/api/v1/devices/{device.Id}/telemetry", chunk);
            await Ensure(posted, $"{device.Id}'s history");
        }
    }

    /// <summary>The history: the CPU load and each interface's octet and error counters, a reading a minute from the device's start up to <paramref name="until"/>.</summary>
    public static IEnumerable<Reading> History(FleetDevice device, DateTimeOffset until)
    {
        for (var t = device.Boot.AddMinutes(1); t <= until; t = t.AddMinutes(1))
        {
            device.Advance(t);
            yield return new Reading("hrProcessorLoad", "1", t, Math.Round(device.Cpu(t)), MetricKind.Gauge);
            for (var i = 1; i <= device.Interfaces; i++)
            {
                var (inOctets, outOctets, errors) = device.Counters(i);
                var instance = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                yield return new Reading("ifHCInOctets", instance, t, inOctets, MetricKind.Counter64);
                yield return new Reading("ifHCOutOctets", instance, t, outOctets, MetricKind.Counter64);
                yield return new Reading("ifInErrors", instance, t, errors, MetricKind.Counter32);
            }
        }
    }

    private static async Task Ensure(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"the silo refused {what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
