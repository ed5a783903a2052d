using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Automation;
using NetworkGrains.Grains.Devices.Polling;

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
        var rule = await Define(receiver.Url, device.GetPrimaryKeyString());

        await device.Ingest(new TelemetryBatch(CpuReadings.From(Start, 0, 1600, 400, 1500)));

        await Poll.UntilAsync(() => receiver.Received.Count == 1);
        var (body, signature, key) = receiver.Received.Single();
        Assert.Equal(WebhookSender.Sign(Secret, body), signature);
        Assert.EndsWith(":Opened:1:0", key);
        Assert.Equal(2, receiver.Attempts); // one 503, then delivered
        var execution = Assert.Single(await rule.History(10));
        Assert.Equal((ExecutionOutcome.Succeeded, 2), (execution.Outcome, execution.Attempts));

        await device.Ingest(new TelemetryBatch(CpuReadings.From(Start, 1600, 200, 900, 1750)));
        await Task.Delay(500);
        Assert.Single(receiver.Received); // the repeat updated the open anomaly: the rule triggers on opened only
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

    private async Task<IRuleGrain> Define(string url, string deviceId)
    {
        var rule = fixture.Cluster.GrainFactory.GetGrain<IRuleGrain>($"rule-{Guid.NewGuid():N}");
        await rule.Define(new RuleDefinition("", "cpu to a webhook", true,
            new RuleTrigger([AnomalyEventKind.Opened], [AnomalyCategory.Cpu], AnomalySeverity.Medium, [deviceId], null),
            [new RuleAction(RuleActionType.Webhook, url, Secret)], TimeSpan.FromHours(1), false, null));
        return rule;
    }
}
