using Bunit;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Silo.Ui.Parts;

namespace NetworkGrains.Silo.Tests.Console;

public sealed class WorkflowCardTests : ConsoleTestContext
{
    private static readonly WorkflowDefinition Workflow = new("incident-response", "respond", [], []);

    [Theory]
    [InlineData("incident_responder", true)]
    [InlineData("network_admin", true)]
    [InlineData("operator", false)]
    [InlineData("viewer", false)]
    public void A_waiting_run_offers_approve_and_reject_to_those_who_may_decide(string role, bool offered)
    {
        var card = Render<WorkflowCard>(p => p.Add(c => c.Workflow, Workflow).Add(c => c.Runs, [Run("run-1", WorkflowRunStatus.WaitingForApproval)])
            .AddCascadingValue(UserWith(role)));

        var actions = card.FindAll("form").Select(f => f.GetAttribute("action")).ToArray();
        Assert.Equal(offered ? ["/ui/actions/workflow-runs/run-1/approve", "/ui/actions/workflow-runs/run-1/reject"] : [], actions);
    }

    [Fact]
    public void A_finished_run_shows_its_timeline_and_offers_nothing()
    {
        var card = Render<WorkflowCard>(p => p.Add(c => c.Workflow, Workflow).Add(c => c.Runs, [Run("run-2", WorkflowRunStatus.Succeeded)])
            .AddCascadingValue(UserWith("admin")));

        Assert.Empty(card.FindAll("form"));
        Assert.Contains("approve-change #1 done by key:ops: approved", card.Find("[data-run='run-2'] ol.timeline").TextContent);
    }

    private static WorkflowRun Run(string id, WorkflowRunStatus status) => new(id, Workflow.Id, status, "approve-change", 1, null,
        new WorkflowInput("a1", "r1", null, []), [new WorkflowStepRecord("approve-change", 1, true, DateTimeOffset.UtcNow, "approved", "key:ops")],
        "rule:x", DateTimeOffset.UtcNow, status == WorkflowRunStatus.Succeeded ? DateTimeOffset.UtcNow : null);
}
