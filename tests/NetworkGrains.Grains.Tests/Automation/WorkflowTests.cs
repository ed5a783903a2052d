using System.Text.Json;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Automation;
using NetworkGrains.Grains.Devices.Polling;

namespace NetworkGrains.Grains.Tests.Automation;

[Collection(ClusterCollection.Name)]
public sealed class WorkflowTests(ClusterFixture fixture)
{
    private const string AdminStatus = "1.3.6.1.2.1.2.2.1.7";
    private static readonly Actor Operator = new("olga", ["network_admin"]);
    private static readonly Actor Viewer = new("vic", ["viewer"]);

    [Fact]
    public async Task Incident_response_waits_for_an_approval_then_sets_verifies_and_resolves()
    {
        using var teams = new WebhookReceiver();
        var (device, anomaly) = await PolledDeviceWithAnomaly("ir");
        var workflow = await Define("incident-response",
            Act("investigate", new RuleAction(RuleActionType.OpenInvestigation, null, null)),
            Act("notify", new RuleAction(RuleActionType.TeamsNotify, teams.Url, null, Text: "Incident on {device}: shut {instance}?")),
            Approve("approve", TimeSpan.FromHours(4), "network_admin", "incident_responder"),
            Act("remediate", SetAdminStatus("{instance}", "2"), retries: 2),
            Check("verify", new WorkflowCheck(CheckSource.SnmpGet, AdminStatus + ".{instance}", "==", "2"), retries: 3),
            Act("resolve", new RuleAction(RuleActionType.ResolveAnomaly, null, null)));

        var run = await workflow.Start($"run-{Guid.NewGuid():N}", new WorkflowInput(anomaly.Id, null, null, []), Operator);
        var runGrain = fixture.Cluster.GrainFactory.GetGrain<IWorkflowRunGrain>(run.Id);
        await Poll.UntilAsync(async () => (await runGrain.Get())!.Status == WorkflowRunStatus.WaitingForApproval);

        Assert.Equal(AnomalyStatus.Investigating, (await Anomaly(anomaly.Id).Get())!.Status);
        using (var card = JsonDocument.Parse(Assert.Single(teams.Received).Body))
        {
            var attachment = card.RootElement.GetProperty("attachments")[0];
            Assert.Equal(TeamsCards.CardContentType, attachment.GetProperty("contentType").GetString());
            Assert.Equal("1.5", attachment.GetProperty("content").GetProperty("version").GetString());
            Assert.Contains($"Incident on {device.GetPrimaryKeyString()}: shut 3?", card.RootElement.ToString());
        }

        Assert.Empty(Sets(device));
        await Assert.ThrowsAsync<ForbiddenProblem>(() => runGrain.Decide(Viewer, approve: true, "looks fine"));
        await runGrain.Decide(Operator, approve: true, "shut it");
        var done = await Poll.ValueAsync(async () => await runGrain.Get() is { IsFinished: true } r ? r : null);

        Assert.Equal(WorkflowRunStatus.Succeeded, done.Status);
        Assert.Equal(["investigate", "notify", "approve", "remediate", "verify", "resolve"], done.Timeline.Select(t => t.Step));
        Assert.Equal("olga", done.Timeline.Single(t => t.Step == "approve").By);
        Assert.Contains(new SnmpSetValue($"{AdminStatus}.3", 'i', "2"), Assert.Single(Sets(device)));
        Assert.Equal(AnomalyStatus.Resolved, (await Anomaly(anomaly.Id).Get())!.Status);
    }

    [Fact]
    public async Task A_rejection_or_no_decision_stops_the_run_before_the_remediation()
    {
        var (device, anomaly) = await PolledDeviceWithAnomaly("no");
        // The run to reject waits an hour for its decision; the other one, 300 ms: however slow the test, each ends its own way.
        var workflow = await Define("guarded-shut", Approve("approve", TimeSpan.FromHours(1), "network_admin"), Act("remediate", SetAdminStatus("{instance}", "2")));
        var quick = await Define("guarded-quick", Approve("approve", TimeSpan.FromMilliseconds(300), "network_admin"), Act("remediate", SetAdminStatus("{instance}", "2")));

        var rejected = fixture.Cluster.GrainFactory.GetGrain<IWorkflowRunGrain>((await workflow.Start("run-rejected-" + Guid.NewGuid().ToString("N")[..8],
            new WorkflowInput(anomaly.Id, null, null, []), Operator)).Id);
        await Poll.UntilAsync(async () => (await rejected.Get())!.Status == WorkflowRunStatus.WaitingForApproval);
        var afterReject = await rejected.Decide(Operator, approve: false, "not during business hours");
        var timedOut = await quick.Start("run-timeout-" + Guid.NewGuid().ToString("N")[..8], new WorkflowInput(anomaly.Id, null, null, []), Operator);
        var timedOutGrain = fixture.Cluster.GrainFactory.GetGrain<IWorkflowRunGrain>(timedOut.Id);
        var afterTimeout = await Poll.ValueAsync(async () => await timedOutGrain.Get() is { IsFinished: true } r ? r : null);

        Assert.Equal(WorkflowRunStatus.Rejected, afterReject.Status);
        Assert.Equal(WorkflowRunStatus.Rejected, afterTimeout.Status);
        Assert.StartsWith("no decision", afterTimeout.Timeline.Single().Detail);
        Assert.Empty(Sets(device));
        await Assert.ThrowsAsync<ConflictProblem>(() => rejected.Decide(Operator, approve: true, null));
    }

    [Fact]
    public async Task A_failing_action_is_retried_then_takes_its_failure_path_and_a_start_twice_is_one_run()
    {
        var unpolled = await fixture.RegisterDeviceAsync("unpolled"); // no polling profile: every SET fails at once
        var workflow = await Define("retry-then-fallback",
            Act("shut", SetAdminStatus("1", "2"), retries: 2, onFailure: "fallback"),
            new WorkflowStep("fallback", WorkflowStepType.Delay, null, null, [], TimeSpan.FromMilliseconds(100), 0, TimeSpan.Zero, null, null));
        var runId = $"run-{Guid.NewGuid():N}";
        var input = new WorkflowInput(null, unpolled.GetPrimaryKeyString(), null, []);

        await workflow.Start(runId, input, Operator);
        await workflow.Start(runId, input, Operator);
        var done = await Poll.ValueAsync(async () => await fixture.Cluster.GrainFactory.GetGrain<IWorkflowRunGrain>(runId).Get() is { IsFinished: true } r ? r : null);

        Assert.Equal(WorkflowRunStatus.Succeeded, done.Status);
        Assert.Equal([("shut", 1, false), ("shut", 2, false), ("shut", 3, false), ("fallback", 1, true)], done.Timeline.Select(t => (t.Step, t.Attempt, t.Succeeded)));
        Assert.Contains("no polling profile", done.Timeline[0].Detail);
        Assert.Equal([runId], await workflow.Runs(10));
    }

    [Fact]
    public async Task A_check_that_cannot_reach_the_device_ends_the_run_failed_with_the_reason()
    {
        var unpolled = await fixture.RegisterDeviceAsync("noget");
        var workflow = await Define("verify-unpolled", Check("verify", new WorkflowCheck(CheckSource.SnmpGet, AdminStatus + ".1", "==", "2"), retries: 1));

        var run = await workflow.Start($"run-{Guid.NewGuid():N}", new WorkflowInput(null, unpolled.GetPrimaryKeyString(), "1", []), Operator);
        var done = await Poll.ValueAsync(async () => await fixture.Cluster.GrainFactory.GetGrain<IWorkflowRunGrain>(run.Id).Get() is { IsFinished: true } r ? r : null);

        Assert.Equal(WorkflowRunStatus.Failed, done.Status);
        Assert.Equal(2, done.Timeline.Length); // the first try and its one retry
        Assert.All(done.Timeline, t => Assert.Contains("no polling profile", t.Detail));
    }

    [Theory]
    [InlineData(90, "1")]
    [InlineData(10, "2")]
    public async Task Bandwidth_optimization_enables_the_backup_at_the_threshold_and_disables_it_below(double utilisation, string backupAdminStatus)
    {
        var device = await fixture.RegisterDeviceAsync("bw");
        await device.SetPolling(new PollingProfile("v2c", "public", 161, TimeSpan.FromHours(1), []));
        var at = DateTimeOffset.UtcNow.AddMinutes(-5);
        var octetsPerMinute = utilisation / 100 * 100e6 / 8 * 60; // on a 100 Mbit/s interface
        await device.Ingest(new TelemetryBatch([
            new Reading("ifHighSpeed", "1", at, 100, MetricKind.Gauge),
            new Reading("ifHCInOctets", "1", at, 1e9, MetricKind.Counter64),
            new Reading("ifHCInOctets", "1", at.AddMinutes(1), 1e9 + octetsPerMinute, MetricKind.Counter64),
        ]));
        var workflow = await Define("bandwidth-" + utilisation,
            Check("hot", new WorkflowCheck(CheckSource.Utilisation, null, ">=", "{threshold}"), onFailure: "disable-backup"),
            Act("enable-backup", SetAdminStatus("{backupInterface}", "1"), next: WorkflowStep.End),
            Act("disable-backup", SetAdminStatus("{backupInterface}", "2")));

        var run = await workflow.Start($"run-{Guid.NewGuid():N}", new WorkflowInput(null, device.GetPrimaryKeyString(), "1",
            new() { ["threshold"] = "85", ["backupInterface"] = "2" }), Operator);
        var done = await Poll.ValueAsync(async () => await fixture.Cluster.GrainFactory.GetGrain<IWorkflowRunGrain>(run.Id).Get() is { IsFinished: true } r ? r : null);

        Assert.Equal(WorkflowRunStatus.Succeeded, done.Status);
        Assert.Equal(new SnmpSetValue($"{AdminStatus}.2", 'i', backupAdminStatus), Assert.Single(Assert.Single(Sets(device))));
        Assert.Contains($"utilisation", done.Timeline[0].Detail);
    }

    [Fact]
    public async Task A_rule_starts_a_workflow_for_the_anomaly_under_a_run_id_made_from_its_idempotency_key()
    {
        var (_, anomaly) = await PolledDeviceWithAnomaly("rw");
        var workflow = await Define("just-investigate", Act("investigate", new RuleAction(RuleActionType.OpenInvestigation, null, null)));
        var rule = fixture.Cluster.GrainFactory.GetGrain<IRuleGrain>($"rule-{Guid.NewGuid():N}");
        await rule.Define(new RuleDefinition("", "investigate through a workflow (run by hand here)", true,
            new RuleTrigger([], [], AnomalySeverity.Low, ["by-hand-only"], null),
            [new RuleAction(RuleActionType.RunWorkflow, null, null, Workflow: workflow.GetPrimaryKeyString(), Parameters: new() { ["port"] = "{instance}" })],
            TimeSpan.Zero, false, null));

        var execution = Assert.Single(await rule.Handle(new AnomalyEvent(AnomalyEventKind.Opened, anomaly), force: true));

        Assert.Equal(ExecutionOutcome.Succeeded, execution.Outcome);
        Assert.Equal([WorkflowRun.IdFor(execution.IdempotencyKey)], await workflow.Runs(10));
        var runId = WorkflowRun.IdFor(execution.IdempotencyKey);
        var run = await Poll.ValueAsync(async () => await fixture.Cluster.GrainFactory.GetGrain<IWorkflowRunGrain>(runId).Get() is { IsFinished: true } r ? r : null);
        Assert.True(run.Status == WorkflowRunStatus.Succeeded, string.Join("; ", run.Timeline.Select(t => t.Detail)));
        Assert.Equal((anomaly.Id, "3"), (run.Input.AnomalyId, run.Input.Parameters["port"]));
        Assert.Equal(AnomalyStatus.Investigating, (await Anomaly(anomaly.Id).Get())!.Status);
    }

    private async Task<(IDeviceGrain Device, Anomaly Anomaly)> PolledDeviceWithAnomaly(string prefix)
    {
        var device = await fixture.RegisterDeviceAsync(prefix);
        await device.SetPolling(new PollingProfile("v2c", "public", 161, TimeSpan.FromHours(1), []));
        var id = device.GetPrimaryKeyString();
        var anomaly = await Anomaly($"a-{Guid.NewGuid():N}").Signal(new AnomalySignal(id, "ifHCInOctets", "3", AnomalyCategory.TrafficSpike,
            AnomalySeverity.High, 0.9999, 9e8, DateTimeOffset.UtcNow, [new AnomalyExplanation("ifHCInOctets", 9e8, 1e6, 0.9999)], "ngcompact"));
        return (device, anomaly);
    }

    private async Task<IWorkflowGrain> Define(string name, params WorkflowStep[] steps)
    {
        var workflow = fixture.Cluster.GrainFactory.GetGrain<IWorkflowGrain>($"{name}-{Guid.NewGuid():N}");
        await workflow.Define(new WorkflowDefinition("", "", steps, []));
        return workflow;
    }

    private IAnomalyGrain Anomaly(string id) => fixture.Cluster.GrainFactory.GetGrain<IAnomalyGrain>(id);

    private List<SnmpSetValue[]> Sets(IDeviceGrain device)
    {
        var poller = (CannedPoller)fixture.SiloService<IDeviceSnmp>();
        var address = device.GetRecord().GetAwaiter().GetResult()!.ManagementAddress;
        lock (poller.Sets) return [.. poller.Sets.Where(s => s.Address == address).Select(s => s.Values)];
    }

    private static RuleAction SetAdminStatus(string instance, string value) =>
        new(RuleActionType.SnmpSet, null, null, [new SnmpSetValue($"{AdminStatus}.{instance}", 'i', value)]);

    private static WorkflowStep Act(string name, RuleAction action, int retries = 0, string? next = null, string? onFailure = null) =>
        new(name, WorkflowStepType.Action, action, null, [], TimeSpan.FromSeconds(10), retries, TimeSpan.FromMilliseconds(100), next, onFailure);

    private static WorkflowStep Check(string name, WorkflowCheck check, int retries = 0, string? onFailure = null) =>
        new(name, WorkflowStepType.Condition, null, check, [], TimeSpan.FromSeconds(10), retries, TimeSpan.FromMilliseconds(100), null, onFailure);

    private static WorkflowStep Approve(string name, TimeSpan timeout, params string[] approvers) =>
        new(name, WorkflowStepType.Approval, null, null, approvers, timeout, 0, TimeSpan.Zero, null, null);
}
