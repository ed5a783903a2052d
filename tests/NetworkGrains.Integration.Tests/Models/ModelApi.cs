using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace NetworkGrains.Integration.Tests.Models;

/// <summary>The registry's REST calls as a user makes them, and a small labelled dataset of device windows.</summary>
internal static class ModelApi
{
    public static async Task<JsonElement> SendAsync(this HttpClient http, HttpMethod method, string path, object? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> PutCsvAsync(this HttpClient http, string name, string csv, HttpStatusCode expected)
    {
        using var response = await http.PutAsync($"/api/v1/datasets/{name}", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"PUT dataset {name}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> WaitForJobAsync(this HttpClient http, string location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            var job = JsonDocument.Parse(await http.GetStringAsync(location)).RootElement.Clone();
            if (job.GetProperty("status").GetString() is "succeeded" or "failed") return job;
            await Task.Delay(200);
        }

        throw new TimeoutException($"{location} did not finish");
    }

    /// <summary>An anomaly_detection model trained over REST on <see cref="WindowsCsv"/>, approved and deployed to production as version 1.</summary>
    public static async Task DeployTrainedWindowsModelAsync(this HttpClient http, string model)
    {
        await http.SendAsync(HttpMethod.Post, "/api/v1/models", new { name = model, type = "anomaly_detection", description = "windows" }, HttpStatusCode.Created);
        await http.PutCsvAsync($"{model}-train", WindowsCsv(1000, 0, seed: 1), HttpStatusCode.Created);
        await http.PutCsvAsync($"{model}-check", WindowsCsv(400, 40, seed: 2), HttpStatusCode.Created);
        var accepted = await http.SendAsync(HttpMethod.Post, $"/api/v1/models/{model}/train", new { dataset = $"{model}-train", validationDataset = $"{model}-check" }, HttpStatusCode.Accepted);
        var job = await http.WaitForJobAsync($"/api/v1/training-jobs/{accepted.GetProperty("id").GetString()}");
        Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString());
        await http.SendAsync(HttpMethod.Post, $"/api/v1/models/{model}/versions/1/approve", new { stage = "production" }, HttpStatusCode.OK);
        await http.SendAsync(HttpMethod.Post, $"/api/v1/models/{model}/deploy", new { version = 1 }, HttpStatusCode.Accepted);
    }

    /// <summary>in,out,cpu,label rows: in and out move together, cpu follows the load; the last rows break that (label 1).</summary>
    public static string WindowsCsv(int rows, int anomalies, int seed)
    {
        var random = new Random(seed);
        var csv = new StringBuilder("in,out,cpu,label\n");
        for (var i = 0; i < rows; i++)
        {
            var load = random.NextDouble() * 100;
            var anomalous = i >= rows - anomalies;
            var values = anomalous ? new[] { load, load * 0.05, 95.0 } : [load + random.NextDouble(), load * 0.8 + random.NextDouble(), 20 + load * 0.3 + random.NextDouble()];
            csv.Append(string.Join(',', values.Select(v => v.ToString("F3", CultureInfo.InvariantCulture)))).Append(anomalous ? ",1\n" : ",0\n");
        }

        return csv.ToString();
    }
}
