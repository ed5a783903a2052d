using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using NetworkGrains.Integration.Tests.Flows;
using NetworkGrains.Integration.Tests.Models;
using NetworkGrains.ML.Models;
using NetworkGrains.ML.Synthetic;

namespace NetworkGrains.Integration.Tests.Simulation;

/// <summary>
/// The security-threat path end to end: a threat model trained over REST on labelled flow windows becomes the
/// devices' model; a simulated SYN flood and port scan, exported as NetFlow v9 or IPFIX, opens a security_threat
/// anomaly on the device under attack and on no other.
/// </summary>
public sealed class ThreatDetectionTests
{
    private const string Model = "flow-threat";

    [Fact]
    public async Task A_threat_model_trained_over_REST_finds_a_simulated_flood_as_a_security_threat()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"threat{Guid.NewGuid():N}"[..16],
            new Dictionary<string, string>
            {
                ["Devices__MultivariateModel"] = Model, ["Devices__MultivariateInterval"] = "00:00:10", ["Flows__AggregationInterval"] = "00:00:05",
            });
        await DeployThreatModelAsync(silo.Http);
        var work = Directory.CreateTempSubdirectory("ng-threat-").FullName;
        var (truth, evaluation) = (Path.Combine(work, "truth.json"), Path.Combine(work, "evaluation.json"));
        var environment = new Dictionary<string, string> { ["NG_API_KEY"] = silo.Http.DefaultRequestHeaders.Authorization!.Parameter! };
        var url = silo.Http.BaseAddress!.ToString();

        var output = await Tools.NgctlAsync(environment, "simulate", "--silo", url, "--devices", "2", "--interfaces", "2", "--seconds", "45",
            "--incidents", "flow_flood", "--first", "10", "--gap", "10", "--length", "30", "--poll-interval", "5", "--flows", "30",
            "--trap-port", silo.Settings["Snmp__TrapPort"], "--netflow-port", silo.Settings["Flows__NetFlowPort"], "--ipfix-port", silo.Settings["Flows__IpfixPort"],
            "--agent-port", SiloProcess.FreeUdpPort().ToString(CultureInfo.InvariantCulture), "--truth", truth);

        // Past the end of the run: every flow record the silo read has reached its device. (What was read, not what was
        // sent: on a starved machine the kernel may drop some of the flood's datagrams before the collector reads them.)
        var sent = long.Parse(Regex.Match(output, @"done: .*flow records (\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        var devices = JsonDocument.Parse(await File.ReadAllTextAsync(truth)).RootElement.GetProperty("devices").EnumerateArray().Select(d => d.GetString()!).ToList();
        await LoopbackUdp.WaitDrainedAsync(int.Parse(silo.Settings["Flows__NetFlowPort"], CultureInfo.InvariantCulture), "the silo's NetFlow collector");
        await LoopbackUdp.WaitDrainedAsync(int.Parse(silo.Settings["Flows__IpfixPort"], CultureInfo.InvariantCulture), "the silo's IPFIX collector");
        var (decoded, recorded) = (0L, Array.Empty<long?>());
        try
        {
            await Poll.UntilAsync(async () => (decoded = await FlowInteropTests.DecodedRecords(silo)) > 0
                && (recorded = await Task.WhenAll(devices.Select(d => FlowsRecorded(silo, d)))).All(r => r is not null) && recorded.Sum() == decoded, seconds: 60);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"sent {sent}, decoded {decoded}, recorded by device {string.Join(", ", recorded.Select(r => r?.ToString() ?? "busy"))}\n"
                + $"{silo.Warnings()}\n{silo.Tail(30)}");
        }

        Assert.InRange(decoded, 1, sent);
        await Tools.EvaluateUntilAsync(environment, truth, url, evaluation, recall => recall["flow_flood"] == 1, () => silo.Tail(30));
        var threats = (await silo.Http.SendAsync(HttpMethod.Get, "/api/v1/anomalies?limit=1000", null, HttpStatusCode.OK)).GetProperty("items").EnumerateArray()
            .Where(a => a.GetProperty("category").GetString() == "security_threat").Select(a => a.GetProperty("deviceId").GetString()).Distinct().ToList();
        var attacked = JsonDocument.Parse(await File.ReadAllTextAsync(truth)).RootElement.GetProperty("incidents")[0].GetProperty("device").GetString();
        Assert.Equal([attacked], threats);
        Directory.Delete(work, recursive: true);
    }

    /// <summary>The flows a device has recorded; null while it is too busy to say (503: "try again in a moment").</summary>
    private static async Task<long?> FlowsRecorded(SiloProcess silo, string deviceId)
    {
        using var response = await silo.Http.GetAsync($"/api/v1/flows/summary?exporter={deviceId}");
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable) return null;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return summary.RootElement.GetProperty("flows").GetInt64();
    }

    /// <summary>Trains, validates and promotes a fasttree_threat model on labelled flow windows, as a user would.</summary>
    private static async Task DeployThreatModelAsync(HttpClient http)
    {
        await http.SendAsync(HttpMethod.Post, "/api/v1/models", new { name = Model, type = "security_threat_detection" }, HttpStatusCode.Created);
        await http.PutCsvAsync("flows-train", FlowWindowsCsv(3000, seed: 1), HttpStatusCode.Created);
        await http.PutCsvAsync("flows-check", FlowWindowsCsv(600, seed: 2), HttpStatusCode.Created);
        var accepted = await http.SendAsync(HttpMethod.Post, $"/api/v1/models/{Model}/train", new { dataset = "flows-train", validationDataset = "flows-check" }, HttpStatusCode.Accepted);
        var job = await http.WaitForJobAsync($"/api/v1/training-jobs/{accepted.GetProperty("id").GetString()}");
        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString());
        await http.SendAsync(HttpMethod.Post, $"/api/v1/models/{Model}/versions/1/approve", new { stage = "production" }, HttpStatusCode.OK);
        await http.SendAsync(HttpMethod.Post, $"/api/v1/models/{Model}/deploy", new { version = 1 }, HttpStatusCode.Accepted);
    }

    private static string FlowWindowsCsv(int count, int seed)
    {
        var (rows, labels) = FlowWindows.Labelled(count, seed);
        var csv = new StringBuilder(string.Join(',', ThreatClassifier.Features) + ",label\n");
        for (var i = 0; i < rows.Count; i++)
            csv.Append(string.Join(',', rows[i].Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).Append(labels[i] ? ",1\n" : ",0\n");
        return csv.ToString();
    }
}
