using System.Net;
using System.Text.Json;
using NetworkGrains.Grains.Tests.Automation;
using NetworkGrains.Integration.Tests.Models;

namespace NetworkGrains.Integration.Tests.Streaming;

/// <summary>
/// The Postgres profile's "anomalies" stream (Streams:Provider AdoNet, its default) against kill -9 at several
/// points between the anomaly's event and the rule's webhook: after the restart the rule has acted, and exactly
/// one delivery (one idempotency key) reached the receiver.
/// </summary>
public sealed class StreamDurabilityTests
{
    private const string Secret = "integration-secret-1234";
    private const string PendingEvents = "SELECT count(*) FROM orleans_stream_message";

    public enum KillPoint
    {
        /// <summary>The event is in the stream's table and no rule has seen it (the first silo does not read the stream).</summary>
        EventOnStream,
        /// <summary>The rule is calling the webhook: the receiver holds the call unanswered.</summary>
        ReceiverHoldsTheCall,
        /// <summary>The receiver has answered; the rule's record of it and the stream's confirmation may or may not be written.</summary>
        ReceiverAnswered,
    }

    [Theory]
    [InlineData(KillPoint.EventOnStream)]
    [InlineData(KillPoint.ReceiverHoldsTheCall)]
    [InlineData(KillPoint.ReceiverAnswered)]
    public async Task After_kill_9_the_rule_acts_exactly_once(KillPoint killPoint)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var receiver = new WebhookReceiver(holdFirst: killPoint == KillPoint.ReceiverHoldsTheCall ? 1 : 0);
        var cluster = $"sk{Guid.NewGuid():N}"[..16];
        // An event taken by a killed silo is visible again after this: the restarted silo does not wait the default 30 s.
        var settings = new Dictionary<string, string> { ["Streams__AdoNet__VisibilityTimeout"] = "00:00:02" };
        var firstSettings = new Dictionary<string, string>(settings);
        // A day between reads: the first silo leaves the event in the table for the whole test.
        if (killPoint == KillPoint.EventOnStream) firstSettings["Streams__PollInterval"] = "1.00:00:00";

        SiloPorts ports;
        await using (var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster, firstSettings))
        {
            ports = silo.Ports;
            await silo.Http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules", new
            {
                id = "edge-hook",
                trigger = new { devices = new[] { "edge-7" } },
                actions = new[] { new { type = "webhook", url = receiver.Url, secret = Secret } },
            }, HttpStatusCode.Created);
            await silo.Http.PutDeviceAsync("edge-7", "10.9.0.7");
            await silo.Http.PostCpuSpikeAsync("edge-7");
            switch (killPoint)
            {
                case KillPoint.EventOnStream:
                    await database.WaitForCountAsync(PendingEvents, 1, TimeSpan.FromSeconds(30));
                    Assert.Equal(0, receiver.Attempts);
                    break;
                case KillPoint.ReceiverHoldsTheCall:
                    await Poll.UntilAsync(() => receiver.Attempts == 1, seconds: 30);
                    break;
                case KillPoint.ReceiverAnswered:
                    await Poll.UntilAsync(() => !receiver.Received.IsEmpty, seconds: 30);
                    break;
            }

            await silo.KillAsync();
        }

        await using var restarted = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings, ports);
        await restarted.Http.SendAsync(HttpMethod.Get, "/api/v1/automation/rules/edge-hook", null, HttpStatusCode.OK); // activates it
        // Done: the rule recorded the action, and the stream holds no event any more (none is left to deliver again).
        var history = await Poll.UntilAsync(async () =>
            await restarted.Http.SendAsync(HttpMethod.Get, "/api/v1/automation/rules/edge-hook/history", null, HttpStatusCode.OK) is var h
            && h.GetArrayLength() > 0 && await database.ScalarAsync<long>(PendingEvents) == 0 ? h : (JsonElement?)null, seconds: 60);

        var execution = Assert.Single(history.EnumerateArray());
        Assert.Equal("succeeded", execution.GetProperty("outcome").GetString());
        // A call answered but not yet recorded when the silo died is made again with its key: the receiver takes it once.
        var key = Assert.Single(receiver.Received.Select(r => r.Key).Distinct());
        Assert.Equal(execution.GetProperty("idempotencyKey").GetString(), key);
        Assert.All(receiver.AttemptKeys, k => Assert.Equal(key, k));
        Assert.Equal(0, await database.ScalarAsync<long>("SELECT count(*) FROM orleans_stream_dead_letter"));
    }
}
