using System.Net;
using System.Text.Json;

namespace NetworkGrains.Integration.Tests.Models;

/// <summary>The registry as a user drives it over REST, on PostgreSQL, across restarts, with a tampered artifact.</summary>
public sealed class ModelRegistryInteropTests
{
    [Fact]
    public async Task A_model_trained_over_REST_serves_after_a_restart_and_a_tampered_artifact_is_refused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = $"models{Guid.NewGuid():N}"[..16];
        object[] rows = [new[] { 50.0, 40.0, 35.0 }, new[] { 60.0, 3.0, 95.0 }];
        SiloPorts ports;

        await using (var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster))
        {
            ports = silo.Ports;
            var http = silo.Http;
            await http.SendAsync(HttpMethod.Post, "/api/v1/models", new { name = "edge-anomaly", type = "anomaly_detection", description = "windows" }, HttpStatusCode.Created);
            await http.PutCsvAsync("edge-train", ModelApi.WindowsCsv(1000, 0, seed: 1), HttpStatusCode.Created);
            await http.PutCsvAsync("edge-check", ModelApi.WindowsCsv(400, 40, seed: 2), HttpStatusCode.Created);

            var accepted = await http.SendAsync(HttpMethod.Post, "/api/v1/models/edge-anomaly/train", new { dataset = "edge-train", validationDataset = "edge-check" }, HttpStatusCode.Accepted);
            var job = await http.WaitForJobAsync($"/api/v1/training-jobs/{accepted.GetProperty("id").GetString()}");
            Assert.True(job.GetProperty("status").GetString() == "succeeded", job.ToString());
            Assert.True(job.GetProperty("metrics").GetProperty("f1").GetDouble() >= 0.9, job.ToString());

            await http.SendAsync(HttpMethod.Post, "/api/v1/models/edge-anomaly/versions/1/approve", new { stage = "production" }, HttpStatusCode.OK);
            var deployed = await http.SendAsync(HttpMethod.Post, "/api/v1/models/edge-anomaly/deploy", new { version = 1 }, HttpStatusCode.Accepted);
            Assert.Equal("production", deployed.GetProperty("status").GetString());

            var prediction = await http.SendAsync(HttpMethod.Post, "/api/v1/predictions", new { model = "edge-anomaly", rows }, HttpStatusCode.OK);
            Assert.Equal([false, true], Flags(prediction));
            var byName = await http.SendAsync(HttpMethod.Post, "/api/v1/predictions", new { model = "edge-anomaly", features = new { @in = 60.0, @out = 3.0, cpu = 95.0 } }, HttpStatusCode.OK);
            Assert.Equal([true], Flags(byName));
            var batch = await http.SendAsync(HttpMethod.Post, "/api/v1/predictions/batch", new { model = "edge-anomaly", rows }, HttpStatusCode.Accepted);
            var scored = await Poll.UntilAsync(async () => await http.SendAsync(HttpMethod.Get, $"/api/v1/predictions/batch/{batch.GetProperty("id").GetString()}", null, HttpStatusCode.OK)
                is var b && b.GetProperty("status").GetString() == "succeeded" ? b : (JsonElement?)null);
            Assert.Equal(prediction.GetProperty("predictions")[1].GetProperty("score").GetSingle(), scored.GetProperty("scores")[1].GetSingle());
            await http.SendAsync(HttpMethod.Post, "/api/v1/predictions", new { model = "edge-anomaly", features = new { @in = 1.0 } }, HttpStatusCode.BadRequest);
            Assert.Equal(1, await database.ScalarAsync<long>("SELECT count(*) FROM model_artifact WHERE model = 'edge-anomaly'"));
            Assert.Matches(@"ng_inference_rows(_total)?\{[^}]*model=""edge-anomaly""[^}]*version=""1""[^}]*\} 5", await http.GetStringAsync("/metrics")); // 2 rows, 1 by name, 2 in the batch
            await silo.KillAsync();
        }

        await using (var restarted = await SiloProcess.StartAsync(database.ConnectionString, cluster, ports: ports))
        {
            var model = await restarted.Http.SendAsync(HttpMethod.Get, "/api/v1/models/edge-anomaly", null, HttpStatusCode.OK);
            Assert.Equal(1, model.GetProperty("productionVersion").GetInt32());
            var prediction = await restarted.Http.SendAsync(HttpMethod.Post, "/api/v1/predictions", new { model = "edge-anomaly", rows }, HttpStatusCode.OK);
            Assert.Equal([false, true], Flags(prediction));
            await restarted.KillAsync();
        }

        await database.ScalarAsync<int>("UPDATE model_artifact SET onnx = set_byte(onnx, length(onnx) - 5, get_byte(onnx, length(onnx) - 5) # 1) RETURNING 1");
        await using (var tampered = await SiloProcess.StartAsync(database.ConnectionString, cluster, ports: ports))
        {
            var refused = await tampered.Http.SendAsync(HttpMethod.Post, "/api/v1/predictions", new { model = "edge-anomaly", rows }, HttpStatusCode.UnprocessableEntity);
            Assert.Contains("integrity", refused.GetProperty("detail").GetString());
            Assert.Contains("Refused the artifact of model edge-anomaly version 1", tampered.Log);
            Assert.Matches(@"ng_model_integrity_failures(_total)?\{[^}]*\} 1", await tampered.Http.GetStringAsync("/metrics"));
        }
    }

    [Fact]
    public async Task Malformed_registry_requests_get_clear_errors()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"badml{Guid.NewGuid():N}"[..16]);
        var http = silo.Http;
        await http.SendAsync(HttpMethod.Post, "/api/v1/models", new { name = "m1", type = "anomaly_detection" }, HttpStatusCode.Created);

        await http.SendAsync(HttpMethod.Post, "/api/v1/models", new { name = "m1", type = "anomaly_detection" }, HttpStatusCode.Conflict);
        await http.SendAsync(HttpMethod.Post, "/api/v1/models", new { name = "m 2", type = "anomaly_detection" }, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Post, "/api/v1/models", new { name = "m3", type = "astrology" }, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Post, "/api/v1/models", new { name = "m4", type = "anomaly_detection", owner = "x" }, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Get, "/api/v1/models?type=astrology", null, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Get, "/api/v1/models?limit=0", null, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Get, "/api/v1/models/nope", null, HttpStatusCode.NotFound);
        await http.SendAsync(HttpMethod.Get, "/api/v1/training-jobs/nope", null, HttpStatusCode.NotFound);

        using (var garbage = await http.PostAsync("/api/v1/models/m1/versions", new ByteArrayContent([1, 2, 3, 4])))
            Assert.Equal(HttpStatusCode.UnprocessableEntity, garbage.StatusCode);
        var badCsv = await http.PutCsvAsync("d1", "a,b\n1,2\n3\n", HttpStatusCode.BadRequest);
        Assert.Contains("line 3", badCsv.GetProperty("detail").GetString());
        var notFinite = await http.PutCsvAsync("d1", "a,b\n1,2\n3,NaN\n", HttpStatusCode.BadRequest);
        Assert.Contains("line 3, column 'b': 'NaN' is not a finite number", notFinite.GetProperty("detail").GetString());
        var nulInName = await http.PutCsvAsync("d1", "a,b\u0000\n1,2\n", HttpStatusCode.BadRequest);
        Assert.Contains("line 1, column 2", nulInName.GetProperty("detail").GetString());
        // Expect: 100-continue, as curl sends for large bodies: the 413 comes before the body is sent.
        using (var oversized = new HttpRequestMessage(HttpMethod.Put, "/api/v1/datasets/d2") { Content = new ByteArrayContent(new byte[33 * 1024 * 1024]) })
        {
            oversized.Headers.ExpectContinue = true;
            using var huge = await http.SendAsync(oversized);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        }

        var refused = await http.SendAsync(HttpMethod.Post, "/api/v1/models/m1/versions/1/promote", new { stage = "staging" }, HttpStatusCode.NotFound);
        Assert.Contains("no version 1", refused.GetProperty("detail").GetString());
        await http.SendAsync(HttpMethod.Post, "/api/v1/predictions", new { model = "nope", rows = new[] { new[] { 1.0 } } }, HttpStatusCode.NotFound);
        await http.SendAsync(HttpMethod.Post, "/api/v1/predictions", new { model = "m1", rows = new[] { new[] { 1.0, 2.0 }, new[] { 1.0 } } }, HttpStatusCode.BadRequest);
        await http.SendAsync(HttpMethod.Post, "/api/v1/predictions", new { model = "m1" }, HttpStatusCode.BadRequest);
        using (var notJson = await http.PostAsync("/api/v1/predictions", new StringContent("{\"model\":", System.Text.Encoding.UTF8, "application/json")))
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
    }

    private static bool[] Flags(JsonElement prediction) =>
        prediction.GetProperty("predictions").EnumerateArray().Select(p => p.GetProperty("aboveThreshold").GetBoolean()).ToArray();
}
