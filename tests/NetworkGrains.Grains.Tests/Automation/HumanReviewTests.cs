using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Devices.Polling;

namespace NetworkGrains.Grains.Tests.Automation;

/// <summary>Automation:AutoActionConfidence (0.95 here, the default): changes on less confident anomalies wait for a person; the rest runs.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HumanReviewTests(ClusterFixture fixture)
{
    private const string AdminStatus = "1.3.6.1.2.1.2.2.1.7";
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeSeconds());
    private static readonly RuleAction Shut = new(RuleActionType.SnmpSet, null, null, [new SnmpSetValue($"{AdminStatus}.{{instance}}", 'i', "2")]);

    [Fact]
    public async Task A_change_on_a_less_confident_anomaly_waits_for_an_approval_and_runs_once_approved()
    {
        var device = await PolledDeviceAsync("review");
        var rule = await DefineAsync(Shut, new RuleAction(RuleActionType.OpenInvestigation, null, null));

        var executions = await rule.Handle(Event(device, confidence: 0.9), force: false);

        Assert.Equal([ExecutionOutcome.HeldForReview, ExecutionOutcome.Succeeded], executions.Select(e => e.Outcome));
        Assert.Empty(Sets(device));
        var run = await RunOf(executions[0]).Get();
        Assert.Equal(WorkflowRunStatus.WaitingForApproval, run!.Status);
        Assert.Equal("review", run.CurrentStep);
        Assert.Contains(run.Id, await fixture.Cluster.GrainFactory.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key).Reviews(200));
        await Assert.ThrowsAsync<ForbiddenProblem>(() => RunOf(executions[0]).Decide(new Actor("vic", ["viewer"]), approve: true, null));

        await RunOf(executions[0]).Decide(new Actor("olga", ["network_admin"]), approve: true, "checked the graphs");

        await Poll.UntilAsync(async () => (await RunOf(executions[0]).Get())!.Status == WorkflowRunStatus.Succeeded);
        Assert.Equal(new SnmpSetValue($"{AdminStatus}.3", 'i', "2"), Assert.Single(Assert.Single(Sets(device))));
    }

    [Fact]
    public async Task A_rejected_change_never_runs()
    {
        var device = await PolledDeviceAsync("rejected");
        var rule = await DefineAsync(Shut);

        var held = Assert.Single(await rule.Handle(Event(device, confidence: 0.5), force: false));
        var run = await RunOf(held).Decide(new Actor("ivan", ["incident_responder"]), approve: false, "a false alarm");

        Assert.Equal(WorkflowRunStatus.Rejected, run.Status);
        Assert.Empty(Sets(device));
    }

    [Fact]
    public async Task A_confident_anomaly_changes_the_device_at_once()
    {
        var device = await PolledDeviceAsync("confident");
        var rule = await DefineAsync(Shut);

        Assert.Equal(ExecutionOutcome.Succeeded, Assert.Single(await rule.Handle(Event(device, confidence: 0.99), force: false)).Outcome);
        Assert.Single(Sets(device));
    }

    [Fact]
    public async Task A_workflow_with_a_change_step_is_held_and_one_without_is_not()
    {
        var device = await PolledDeviceAsync("workflows");
        var changing = await WorkflowAsync(new WorkflowStep("shut", WorkflowStepType.Action, Shut, null, [], TimeSpan.FromSeconds(10), 0, TimeSpan.Zero, null, null));
        var looking = await WorkflowAsync(new WorkflowStep("look", WorkflowStepType.Action, new RuleAction(RuleActionType.OpenInvestigation, null, null), null, [],
            TimeSpan.FromSeconds(10), 0, TimeSpan.Zero, null, null));
        var rule = await DefineAsync(
            new RuleAction(RuleActionType.RunWorkflow, null, null, Workflow: changing), new RuleAction(RuleActionType.RunWorkflow, null, null, Workflow: looking));

        var executions = await rule.Handle(Event(device, confidence: 0.6), force: false);

        Assert.Equal([ExecutionOutcome.HeldForReview, ExecutionOutcome.Succeeded], executions.Select(e => e.Outcome));
        Assert.Empty(await fixture.Cluster.GrainFactory.GetGrain<IWorkflowGrain>(changing).Runs(10));
        Assert.Single(await fixture.Cluster.GrainFactory.GetGrain<IWorkflowGrain>(looking).Runs(10));
    }

    private async Task<IDeviceGrain> PolledDeviceAsync(string prefix)
    {
        var device = await fixture.RegisterDeviceAsync(prefix);
        await device.SetPolling(new PollingProfile("v2c", "public", 161, TimeSpan.FromHours(1), []));
        return device;
    }

    private async Task<IRuleGrain> DefineAsync(params RuleAction[] actions)
    {
        var rule = fixture.Cluster.GrainFactory.GetGrain<IRuleGrain>($"rule-{Guid.NewGuid():N}");
        await rule.Define(new RuleDefinition("", "act on traffic", true, new RuleTrigger([], [], AnomalySeverity.Low, [], null), actions, TimeSpan.Zero, false, null));
        return rule;
    }

    private async Task<string> WorkflowAsync(WorkflowStep step)
    {
        var id = $"wf-{Guid.NewGuid():N}";
        await fixture.Cluster.GrainFactory.GetGrain<IWorkflowGrain>(id).Define(new WorkflowDefinition(id, "", [step], []));
        return id;
    }

    private static AnomalyEvent Event(IDeviceGrain device, double confidence) => new(AnomalyEventKind.Opened,
        new Anomaly($"a-{Guid.NewGuid():N}", device.GetPrimaryKeyString(), "ifHCInOctets", "3", AnomalyCategory.TrafficSpike, AnomalySeverity.High, confidence, confidence,
            AnomalyStatus.Detected, Start, Start, 1, 1, [], [], null, "ngcompact"));

    private IWorkflowRunGrain RunOf(RuleExecution execution) =>
        fixture.Cluster.GrainFactory.GetGrain<IWorkflowRunGrain>(execution.Detail!.Split(' ').Single(w => w.StartsWith("run-", StringComparison.Ordinal)));

    private List<SnmpSetValue[]> Sets(IDeviceGrain device)
    {
        var poller = (CannedPoller)fixture.SiloService<IDeviceSnmp>();
        var address = device.GetRecord().GetAwaiter().GetResult()!.ManagementAddress;
        lock (poller.Sets) return [.. poller.Sets.Where(s => s.Address == address).Select(s => s.Values)];
    }
}
