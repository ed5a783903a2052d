using NetworkGrains.Abstractions.Security;
using NetworkGrains.Abstractions;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Automation;
using NetworkGrains.Silo.Application;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

public sealed record ExecuteBody(string? AnomalyId);

public sealed record SilenceBody(string? Id, string? DeviceId, AnomalyCategory? Category, string? Metric, string? Duration, string? Comment);

/// <summary>/api/v1/automation: rules (define, list, history, execute by hand) and silences.</summary>
public static class AutomationEndpoints
{
    public static void MapAutomationEndpoints(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/v1/automation/rules");
        rules.MapGet("", ListRules).RequirePermission(Permissions.AutomationRead);
        rules.MapPost("", DefineRule).Takes<JsonObject>("application/json", YamlDocuments.MediaType).RequirePermission(Permissions.AutomationWrite);
        rules.MapGet("/{id}", async (AutomationReads automation, string id) => TypedResults.Ok(RuleView.From(await automation.Rule(id))))
            .Problems(404).RequirePermission(Permissions.AutomationRead);
        rules.MapGet("/{id}/history", History).Problems(404).RequirePermission(Permissions.AutomationRead);
        rules.MapPost("/{id}/execute", Execute).Takes<ExecuteBody>().Problems(404).RequirePermission(Permissions.AutomationExecute);

        var silences = app.MapGroup("/api/v1/automation/silences");
        silences.MapGet("", async (AutomationReads automation) => TypedResults.Ok(await automation.Silences())).RequirePermission(Permissions.AutomationRead);
        silences.MapPost("", PutSilence).Takes<SilenceBody>().RequirePermission(Permissions.AutomationWrite);
        silences.MapDelete("/{id}", async (SilenceCommands silences, string id) =>
            {
                await silences.Expire(id);
                return TypedResults.NoContent();
            })
            .Problems(404).RequirePermission(Permissions.AutomationWrite);
    }

    private static async Task<Ok<IEnumerable<RuleView>>> ListRules(AutomationReads automation) => TypedResults.Ok((await automation.Rules()).Select(RuleView.From));

    private static async Task<Results<Created<RuleView>, Ok<RuleView>, ProblemHttpResult>> DefineRule(IGrainFactory grains, HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await DefinitionBody.ReadAsync(request, RuleRequest.MaxBodyBytes, cancellationToken);
        if (body is null) return problem!;
        if (!RuleRequest.TryParse(body, null, out var rule, out var errors)) throw errors.ToProblem();
        var created = await grains.GetGrain<IRuleGrain>(rule.Id).Define(rule);
        return created ? TypedResults.Created($"/api/v1/automation/rules/{rule.Id}", RuleView.From(rule)) : TypedResults.Ok(RuleView.From(rule));
    }

    private static async Task<Ok<RuleExecution[]>> History(AutomationReads automation, string id, string? last)
    {
        var errors = new ValidationErrors();
        var count = QueryValues.Last(last, 50, Limits.RuleHistoryKept, errors);
        errors.ThrowIfAny();
        return TypedResults.Ok(await automation.History(id, count));
    }

    /// <summary>Runs the rule's actions for an anomaly now, whatever its trigger says (silences still apply): 202 with what was done.</summary>
    private static Task<Results<Accepted<RuleExecution[]>, ProblemHttpResult>> Execute(IGrainFactory grains, AutomationReads automation, HttpRequest request,
        string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<ExecuteBody, Accepted<RuleExecution[]>>(request, cancellationToken, async body =>
        {
            if (!ResourceNames.IsValid(body.AnomalyId)) throw InvalidInputProblem.Single("anomalyId", "required: " + ResourceNames.Rule);
            await automation.Rule(id);
            var anomaly = await grains.GetGrain<IAnomalyGrain>(body.AnomalyId!).Get() ?? throw new NotFoundProblem($"no anomaly {body.AnomalyId}");
            var executions = await grains.GetGrain<IRuleGrain>(id).Handle(new AnomalyEvent(AnomalyEventKind.Opened, anomaly), force: true);
            return TypedResults.Accepted($"/api/v1/automation/rules/{id}/history", executions);
        });

    private static Task<Results<Created<Silence>, ProblemHttpResult>> PutSilence(SilenceCommands silences, ApiCaller caller, HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.Handle<SilenceBody, Created<Silence>>(request, cancellationToken, async body =>
        {
            var silence = await silences.Create(caller.Actor, body.Id, body.DeviceId, body.Category, body.Metric, body.Duration, body.Comment);
            return TypedResults.Created($"/api/v1/automation/silences/{silence.Id}", silence);
        });
}
