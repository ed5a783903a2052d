using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Automation;
using NetworkGrains.Grains.Devices.Polling;
using Orleans.Streams;

namespace NetworkGrains.Grains.Tests.Automation;

[Collection(ClusterCollection.Name)]
public sealed class RuleTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds());
    private const string Secret = "s3cret-for-tests";

    [Fact]
    public async Task A_spike_opens_an_anomaly_and_the_rule_posts_one_signed_webhook_a_repeat_only_updates_it()
    {
        using var receiver = new WebhookReceiver(failFirst: 1);
        var device = await fixture.RegisterDeviceAsync("hook");
        var deviceId = device.GetPrimaryKeyString();
        var rule = await Define(receiver.Url, deviceId);
        var updates = new System.Collections.Concurrent.ConcurrentQueue<AnomalyEvent>();
        var subscription = await fixture.AnomalyStream.SubscribeAsync((e, _) =>
        {
            if (e.Kind == AnomalyEventKind.Updated && e.Anomaly.DeviceId == deviceId) updates.Enqueue(e);
            return Task.CompletedTask;
        });

        await device.Ingest(new TelemetryBatch(CpuReadings.Every(TimeSpan.FromSeconds(10), Start, 0, 1600, 400, 1500)));

        await Poll.UntilAsync(() => receiver.Received.Count == 1);
        var (body, signature, key) = receiver.Received.Single();
        Assert.Equal(WebhookSender.Sign(Secret, body), signature);
        Assert.EndsWith(":Opened:1:0", key);
        Assert.Equal(2, receiver.Attempts); // one 503, then delivered
        var execution = Assert.Single(await rule.History(10));
        Assert.Equal((ExecutionOutcome.Succeeded, 2), (execution.Outcome, execution.Attempts));

        await device.Ingest(new TelemetryBatch(CpuReadings.Every(TimeSpan.FromSeconds(10), Start, 1600, 200, 900, 1650))); // past the detector's hold-off, within the quiet period
        var updated = await Poll.ValueAsync(() => Task.FromResult(updates.FirstOrDefault()));
        Assert.Equal(execution.AnomalyId, updated.Anomaly.Id); // the repeat updated the open anomaly
        // A later anomaly of the same series follows that update on the stream to the rule, which records it (held back by
        // the cooldown): once it is in the history, the rule has had the update too, and did nothing with it.
        var later = await fixture.Cluster.GrainFactory.GetGrain<IAnomalyGrain>($"a-{Guid.NewGuid():N}").Signal(new AnomalySignal(deviceId, updated.Anomaly.Metric,
            updated.Anomaly.Instance, AnomalyCategory.Cpu, AnomalySeverity.High, 0.9999, 95, DateTimeOffset.UtcNow, [], "ngcompact"));
        var history = await Poll.ValueAsync(async () => await rule.History(10) is var h && h.Any(x => x.AnomalyId == later.Id) ? h : null);
        Assert.Equal([(later.Id, ExecutionOutcome.CoolingDown), (execution.AnomalyId, ExecutionOutcome.Succeeded)], history.Select(h => (h.AnomalyId, h.Outcome)));
        Assert.Single(receiver.Received); // the rule triggers on opened only
        await subscription.UnsubscribeAsync();
    }

    [Fact]
    public async Task A_silence_keeps_the_action_from_running_and_says_so_in_the_history()
    {
        using var receiver = new WebhookReceiver();
        var device = await fixture.RegisterDeviceAsync("quiet");
        var rule = await Define(receiver.Url, device.GetPrimaryKeyString());
        await fixture.Cluster.GrainFactory.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key)
            .PutSilence(new Silence("maintenance", device.GetPrimaryKeyString(), null, null, DateTimeOffset.UtcNow.AddHours(1), "olga", "maintenance window"));

        await device.Ingest(new TelemetryBatch(CpuReadings.From(Start, 0, 1600, 400, 1500)));

        await Poll.UntilAsync(async () => (await rule.History(10)).Length == 1);
        Assert.Equal(ExecutionOutcome.Silenced, (await rule.History(10))[0].Outcome);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task An_snmp_set_action_sets_the_anomalys_interface_with_the_devices_credential()
    {
        var device = await fixture.RegisterDeviceAsync("shut");
        await device.SetPolling(new PollingProfile("v2c", "public", 161, TimeSpan.FromHours(1), []));
        var rule = fixture.Cluster.GrainFactory.GetGrain<IRuleGrain>($"rule-{Guid.NewGuid():N}");
        await rule.Define(new RuleDefinition("", "shut the flooded port", true, new RuleTrigger([], [], AnomalySeverity.Low, [], null),
            [new RuleAction(RuleActionType.SnmpSet, null, null, [new SnmpSetValue("1.3.6.1.2.1.2.2.1.7.{instance}", 'i', "2")])], TimeSpan.Zero, false, null));
        var anomaly = new Anomaly("a-shut", device.GetPrimaryKeyString(), "ifHCInOctets", "3", AnomalyCategory.TrafficSpike, AnomalySeverity.High, 1, 1,
            AnomalyStatus.Detected, Start, Start, 1, 1, [], [], null, "ngcompact");

        var executions = await rule.Handle(new AnomalyEvent(AnomalyEventKind.Opened, anomaly), force: true);

        Assert.Equal(ExecutionOutcome.Succeeded, Assert.Single(executions).Outcome);
        var poller = (CannedPoller)fixture.SiloService<IDeviceSnmp>();
        lock (poller.Sets) Assert.Contains(poller.Sets, s => s.Values.Single() == new SnmpSetValue("1.3.6.1.2.1.2.2.1.7.3", 'i', "2"));
        var noInstance = await rule.Handle(new AnomalyEvent(AnomalyEventKind.Opened, anomaly with { Instance = null }), force: true);
        Assert.Equal(ExecutionOutcome.Failed, Assert.Single(noInstance).Outcome);
    }

    [Fact]
    public void Matching_filters_on_kind_category_severity_device_and_metric()
    {
        var rule = new RuleDefinition("r", "", true, new RuleTrigger([], [AnomalyCategory.Cpu], AnomalySeverity.Medium, ["d1"], null), [], TimeSpan.Zero, false, null);
        var anomaly = new Anomaly("a", "d1", "cpu", null, AnomalyCategory.Cpu, AnomalySeverity.High, 1, 1, AnomalyStatus.Detected,
            Start, Start, 1, 1, [], [], null, "ngcompact");

        Assert.True(RuleMatching.Matches(rule, new AnomalyEvent(AnomalyEventKind.Opened, anomaly)));
        Assert.False(RuleMatching.Matches(rule, new AnomalyEvent(AnomalyEventKind.Updated, anomaly)));
        Assert.False(RuleMatching.Matches(rule, new AnomalyEvent(AnomalyEventKind.Opened, anomaly with { Severity = AnomalySeverity.Low })));
        Assert.False(RuleMatching.Matches(rule, new AnomalyEvent(AnomalyEventKind.Opened, anomaly with { DeviceId = "d2" })));
        Assert.False(RuleMatching.Matches(rule, new AnomalyEvent(AnomalyEventKind.Opened, anomaly with { Category = AnomalyCategory.Memory })));
        Assert.False(RuleMatching.Matches(rule with { Enabled = false }, new AnomalyEvent(AnomalyEventKind.Opened, anomaly)));
    }

    [Fact]
    public void Device_filters_and_expressions_use_the_devices_record()
    {
        var trigger = new RuleTrigger([], [], AnomalySeverity.Low, [], null, Sites: ["lon1"], Roles: ["core", "edge"], Tags: ["prod"]);
        var core = new DeviceRecord("d1", "d1", "10.0.0.1", "LON1", "core", "cisco", null, ["prod", "ipv6"], null);
        var anomaly = new Anomaly("a", "d1", "ifHCInOctets", "3", AnomalyCategory.TrafficSpike, AnomalySeverity.High, 0.99995, 0.99995, AnomalyStatus.Detected,
            Start, Start, 4, 9e8, [], [], null, "ngcompact");

        Assert.True(RuleMatching.MatchesDevice(trigger, core));
        Assert.False(RuleMatching.MatchesDevice(trigger, core with { Role = "access" }));
        Assert.False(RuleMatching.MatchesDevice(trigger, core with { Tags = ["lab"] }));
        Assert.False(RuleMatching.MatchesDevice(trigger, null));
        Assert.True(RuleMatching.MatchesDevice(new RuleTrigger([], [], AnomalySeverity.Low, [], null), null));

        Assert.True(RuleExpressions.Hold([
            new RuleExpression("anomaly.score", ">=", "0.9999"), new RuleExpression("anomaly.count", ">", "3"), new RuleExpression("anomaly.severity", ">=", "high"),
            new RuleExpression("anomaly.category", "==", "traffic_spike"), new RuleExpression("device.vendor", "==", "Cisco"),
            new RuleExpression("device.tags", "contains", "ipv6"), new RuleExpression("anomaly.instance", "!=", "1"),
        ], anomaly, core));
        Assert.False(RuleExpressions.Holds(new RuleExpression("anomaly.severity", ">=", "critical"), anomaly, core));
        Assert.False(RuleExpressions.Holds(new RuleExpression("anomaly.count", ">=", "5"), anomaly, core));
        Assert.False(RuleExpressions.Holds(new RuleExpression("device.site", "==", "lon1"), anomaly, null));
        Assert.False(RuleExpressions.Holds(new RuleExpression("device.role", ">", "core"), anomaly, core)); // text only compares for (in)equality
    }

    [Fact]
    public async Task A_rule_for_core_devices_acts_on_a_core_device_and_not_on_another()
    {
        using var receiver = new WebhookReceiver();
        var core = await fixture.RegisterDeviceAsync("core");
        var access = await fixture.RegisterDeviceAsync("access");
        var coreRecord = (await core.GetRecord())!;
        await core.Configure(coreRecord with { Role = "core" });
        var rule = fixture.Cluster.GrainFactory.GetGrain<IRuleGrain>($"rule-{Guid.NewGuid():N}");
        await rule.Define(new RuleDefinition("", "core only", true,
            new RuleTrigger([], [], AnomalySeverity.Low, [core.GetPrimaryKeyString(), access.GetPrimaryKeyString()], null, Roles: ["core"]),
            [new RuleAction(RuleActionType.Webhook, receiver.Url, Secret)], TimeSpan.Zero, false, null,
            [new RuleExpression("device.role", "==", "core")]));

        // The access device's anomaly handed to the rule as the stream's dispatcher would: its answer is that it did nothing.
        var now = DateTimeOffset.UtcNow;
        var onAccess = new Anomaly($"a-{Guid.NewGuid():N}", access.GetPrimaryKeyString(), "cpu", null, AnomalyCategory.Cpu, AnomalySeverity.High, 0.9999, 0.9999,
            AnomalyStatus.Detected, now, now, 1, 95, [], [], null, "ngcompact");
        Assert.Empty(await rule.Handle(new AnomalyEvent(AnomalyEventKind.Opened, onAccess), force: false));
        await fixture.Cluster.GrainFactory.GetGrain<IAnomalyGrain>($"a-{Guid.NewGuid():N}").Signal(new AnomalySignal(core.GetPrimaryKeyString(), "cpu", null,
            AnomalyCategory.Cpu, AnomalySeverity.High, 0.9999, 95, now, [], "ngcompact"));

        await Poll.UntilAsync(() => receiver.Received.Count == 1);
        using var delivered = System.Text.Json.JsonDocument.Parse(Assert.Single(receiver.Received).Body);
        Assert.Equal(core.GetPrimaryKeyString(), delivered.RootElement.GetProperty("deviceId").GetString());
        Assert.DoesNotContain(await rule.History(10), h => h.AnomalyId == onAccess.Id);
    }

    private async Task<IRuleGrain> Define(string url, string deviceId)
    {
        var rule = fixture.Cluster.GrainFactory.GetGrain<IRuleGrain>($"rule-{Guid.NewGuid():N}");
        await rule.Define(new RuleDefinition("", "cpu to a webhook", true,
            new RuleTrigger([AnomalyEventKind.Opened], [AnomalyCategory.Cpu], AnomalySeverity.Medium, [deviceId], null),
            [new RuleAction(RuleActionType.Webhook, url, Secret)], TimeSpan.FromHours(1), false, null));
        return rule;
    }
}
