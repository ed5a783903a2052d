using NetworkGrains.Abstractions;
using System.Text.Json.Nodes;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Automation;
using NetworkGrains.Grains.Automation.Workflows;
using NetworkGrains.Silo.Application;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

public sealed record StartRunBody(string? AnomalyId, string? DeviceId, string? Instance, Dictionary<string, string>? Parameters, string? RunId);

public sealed record DecisionBody(string? Comment);

/// <summary>/api/v1/automation/workflows: definitions, runs (start, list, get), and the approvals and cancellation of a run.</summary>
public static class WorkflowEndpoints
{
    public static void MapWorkflowEndpoints(this IEndpointRouteBuilder app)
    {
        var workflows = app.MapGroup("/api/v1/automation/workflows");
        workflows.MapGet("", ListWorkflows).Returns<WorkflowView[]>().RequirePermission("workflow:read");
        workflows.MapPost("", DefineWorkflow).Takes<JsonObject>("application/json", YamlDocuments.MediaType).Returns<WorkflowView>(201, 200).RequirePermission("workflow:write");
        workflows.MapGet("/{id}", (AutomationReads automation, string id) => GrainErrors.Handle(async () => Results.Ok(WorkflowView.From(await automation.Workflow(id)))))
            .Returns<WorkflowView>().Problems(404).RequirePermission("workflow:read");
        workflows.MapPost("/{id}/runs", StartRun).Takes<StartRunBody>().Returns<WorkflowRun>(202).Problems(404, 409).RequirePermission("workflow:run");
        workflows.MapGet("/{id}/runs", ListRuns).Returns<WorkflowRun[]>().Problems(404).RequirePermission("workflow:read");

        app.MapGet("/api/v1/automation/reviews", ListReviews).Returns<WorkflowRun[]>().RequirePermission("workflow:read");

        var runs = app.MapGroup("/api/v1/automation/workflow-runs");
        runs.MapGet("/{runId}", (WorkflowRunCommands runs, string runId) => GrainErrors.Handle(async () => Results.Ok(await runs.Existing(runId))))
            .Returns<WorkflowRun>().Problems(404).RequirePermission("workflow:read");
        runs.MapPost("/{runId}/approve", (WorkflowRunCommands runs, ApiCaller caller, HttpRequest request, string runId, CancellationToken cancellationToken) =>
            Decide(runs, caller, request, runId, approve: true, cancellationToken)).Takes<DecisionBody>().Returns<WorkflowRun>().Problems(404, 409).RequirePermission("workflow:approve");
        runs.MapPost("/{runId}/reject", (WorkflowRunCommands runs, ApiCaller caller, HttpRequest request, string runId, CancellationToken cancellationToken) =>
            Decide(runs, caller, request, runId, approve: false, cancellationToken)).Takes<DecisionBody>().Returns<WorkflowRun>().Problems(404, 409).RequirePermission("workflow:approve");
        runs.MapPost("/{runId}/cancel", (WorkflowRunCommands runs, ApiCaller caller, HttpRequest request, string runId, CancellationToken cancellationToken) =>
            JsonBody.Handle<DecisionBody>(request, cancellationToken, async body => Results.Ok(await runs.Cancel(caller.Actor, runId, body.Comment))))
            .Takes<DecisionBody>().Returns<WorkflowRun>().Problems(404, 409).RequirePermission("workflow:run");
    }

    private static async Task<IResult> ListWorkflows(AutomationReads automation) => Results.Ok((await automation.Workflows()).Select(WorkflowView.From));

    private static async Task<IResult> DefineWorkflow(IGrainFactory grains, HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await DefinitionBody.ReadAsync(request, WorkflowRequest.MaxBodyBytes, cancellationToken);
        if (body is null) return problem!;
        if (!WorkflowRequest.TryParse(body, out var workflow, out var errors)) return errors.ToResult();
        var created = await grains.GetGrain<IWorkflowGrain>(workflow.Id).Define(workflow);
        return created ? Results.Created($"/api/v1/automation/workflows/{workflow.Id}", WorkflowView.From(workflow)) : Results.Ok(WorkflowView.From(workflow));
    }

    /// <summary>202 with the run (it goes on in the background); its own runId makes a retried start harmless.</summary>
    private static Task<IResult> StartRun(WorkflowRunCommands runs, ApiCaller caller, HttpRequest request, string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<StartRunBody>(request, cancellationToken, async body =>
        {
            var run = await runs.Start(caller.Actor, id, new WorkflowInput(body.AnomalyId, body.DeviceId, body.Instance, body.Parameters ?? []), body.RunId);
            return Results.Accepted($"/api/v1/automation/workflow-runs/{run.Id}", run);
        });

    private static async Task<IResult> ListRuns(AutomationReads automation, string id, string? last)
    {
        var errors = new ValidationErrors();
        var count = QueryValues.Last(last, 50, Limits.WorkflowRunsKept, errors);
        if (errors.Any) return errors.ToResult();
        return await GrainErrors.Handle(async () => Results.Ok(await automation.Runs(id, count)));
    }

    /// <summary>The runs holding rule changes for a person's review (Automation:AutoActionConfidence), newest first; approve or reject each as a run.</summary>
    private static async Task<IResult> ListReviews(AutomationReads automation, string? last)
    {
        var errors = new ValidationErrors();
        var count = QueryValues.Last(last, 50, Limits.ReviewsKept, errors);
        if (errors.Any) return errors.ToResult();
        return Results.Ok(await automation.Reviews(count));
    }

    private static Task<IResult> Decide(WorkflowRunCommands runs, ApiCaller caller, HttpRequest request, string runId, bool approve, CancellationToken cancellationToken) =>
        JsonBody.Handle<DecisionBody>(request, cancellationToken, async body => Results.Ok(await runs.Decide(caller.Actor, runId, approve, body.Comment)));
}
