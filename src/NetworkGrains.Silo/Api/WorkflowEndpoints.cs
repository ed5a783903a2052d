using NetworkGrains.Abstractions.Security;
using NetworkGrains.Abstractions;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Problems;
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
        workflows.MapGet("", ListWorkflows).RequirePermission(Permissions.WorkflowRead);
        workflows.MapPost("", DefineWorkflow).Takes<JsonObject>("application/json", YamlDocuments.MediaType).RequirePermission(Permissions.WorkflowWrite);
        workflows.MapGet("/{id}", async (AutomationReads automation, string id) => TypedResults.Ok(WorkflowView.From(await automation.Workflow(id))))
            .Problems(404).RequirePermission(Permissions.WorkflowRead);
        workflows.MapPost("/{id}/runs", StartRun).Takes<StartRunBody>().Problems(404, 409).RequirePermission(Permissions.WorkflowRun);
        workflows.MapGet("/{id}/runs", ListRuns).Problems(404).RequirePermission(Permissions.WorkflowRead);

        app.MapGet("/api/v1/automation/reviews", ListReviews).RequirePermission(Permissions.WorkflowRead);

        var runs = app.MapGroup("/api/v1/automation/workflow-runs");
        runs.MapGet("/{runId}", async (WorkflowRunCommands runs, string runId) => TypedResults.Ok(await runs.Existing(runId)))
            .Problems(404).RequirePermission(Permissions.WorkflowRead);
        runs.MapPost("/{runId}/approve", (WorkflowRunCommands runs, ApiCaller caller, HttpRequest request, string runId, CancellationToken cancellationToken) =>
            Decide(runs, caller, request, runId, approve: true, cancellationToken)).Takes<DecisionBody>().Problems(404, 409).RequirePermission(Permissions.WorkflowApprove);
        runs.MapPost("/{runId}/reject", (WorkflowRunCommands runs, ApiCaller caller, HttpRequest request, string runId, CancellationToken cancellationToken) =>
            Decide(runs, caller, request, runId, approve: false, cancellationToken)).Takes<DecisionBody>().Problems(404, 409).RequirePermission(Permissions.WorkflowApprove);
        runs.MapPost("/{runId}/cancel", (WorkflowRunCommands runs, ApiCaller caller, HttpRequest request, string runId, CancellationToken cancellationToken) =>
            JsonBody.Handle<DecisionBody, Ok<WorkflowRun>>(request, cancellationToken, async body => TypedResults.Ok(await runs.Cancel(caller.Actor, runId, body.Comment))))
            .Takes<DecisionBody>().Problems(404, 409).RequirePermission(Permissions.WorkflowRun);
    }

    private static async Task<Ok<IEnumerable<WorkflowView>>> ListWorkflows(AutomationReads automation) => TypedResults.Ok((await automation.Workflows()).Select(WorkflowView.From));

    private static async Task<Results<Created<WorkflowView>, Ok<WorkflowView>, ProblemHttpResult>> DefineWorkflow(IGrainFactory grains, HttpRequest request,
        CancellationToken cancellationToken)
    {
        var (body, problem) = await DefinitionBody.ReadAsync(request, WorkflowRequest.MaxBodyBytes, cancellationToken);
        if (body is null) return problem!;
        if (!WorkflowRequest.TryParse(body, out var workflow, out var errors)) throw errors.ToProblem();
        var created = await grains.GetGrain<IWorkflowGrain>(workflow.Id).Define(workflow);
        return created ? TypedResults.Created($"/api/v1/automation/workflows/{workflow.Id}", WorkflowView.From(workflow)) : TypedResults.Ok(WorkflowView.From(workflow));
    }

    /// <summary>202 with the run (it goes on in the background); its own runId makes a retried start harmless.</summary>
    private static Task<Results<Accepted<WorkflowRun>, ProblemHttpResult>> StartRun(WorkflowRunCommands runs, ApiCaller caller, HttpRequest request, string id,
        CancellationToken cancellationToken) =>
        JsonBody.Handle<StartRunBody, Accepted<WorkflowRun>>(request, cancellationToken, async body =>
        {
            var run = await runs.Start(caller.Actor, id, new WorkflowInput(body.AnomalyId, body.DeviceId, body.Instance, body.Parameters ?? []), body.RunId);
            return TypedResults.Accepted($"/api/v1/automation/workflow-runs/{run.Id}", run);
        });

    private static async Task<Ok<WorkflowRun[]>> ListRuns(AutomationReads automation, string id, string? last)
    {
        var errors = new ValidationErrors();
        var count = QueryValues.Last(last, 50, Limits.WorkflowRunsKept, errors);
        errors.ThrowIfAny();
        return TypedResults.Ok(await automation.Runs(id, count));
    }

    /// <summary>The runs holding rule changes for a person's review (Automation:AutoActionConfidence), newest first; approve or reject each as a run.</summary>
    private static async Task<Ok<WorkflowRun[]>> ListReviews(AutomationReads automation, string? last)
    {
        var errors = new ValidationErrors();
        var count = QueryValues.Last(last, 50, Limits.ReviewsKept, errors);
        errors.ThrowIfAny();
        return TypedResults.Ok(await automation.Reviews(count));
    }

    private static Task<Results<Ok<WorkflowRun>, ProblemHttpResult>> Decide(WorkflowRunCommands runs, ApiCaller caller, HttpRequest request, string runId,
        bool approve, CancellationToken cancellationToken) =>
        JsonBody.Handle<DecisionBody, Ok<WorkflowRun>>(request, cancellationToken, async body => TypedResults.Ok(await runs.Decide(caller.Actor, runId, approve, body.Comment)));
}
