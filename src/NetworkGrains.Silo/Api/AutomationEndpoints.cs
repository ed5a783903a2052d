using NetworkGrains.Abstractions;
using System.Text.Json.Nodes;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
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
        rules.MapGet("", ListRules).Returns<RuleView[]>().RequirePermission("automation:read");
        rules.MapPost("", DefineRule).Takes<JsonObject>("application/json", YamlDocuments.MediaType).Returns<RuleView>(201, 200).RequirePermission("automation:write");
        rules.MapGet("/{id}", (AutomationReads automation, string id) => GrainErrors.Handle(async () => Results.Ok(RuleView.From(await automation.Rule(id)))))
            .Returns<RuleView>().Problems(404).RequirePermission("automation:read");
        rules.MapGet("/{id}/history", History).Returns<RuleExecution[]>().Problems(404).RequirePermission("automation:read");
        rules.MapPost("/{id}/execute", Execute).Takes<ExecuteBody>().Returns<RuleExecution[]>(202).Problems(404).RequirePermission("automation:execute");

        var silences = app.MapGroup("/api/v1/automation/silences");
        silences.MapGet("", async (AutomationReads automation) => Results.Ok(await automation.Silences())).Returns<Silence[]>().RequirePermission("automation:read");
        silences.MapPost("", PutSilence).Takes<SilenceBody>().Returns<Silence>(201).RequirePermission("automation:write");
        silences.MapDelete("/{id}", (SilenceCommands silences, string id) => GrainErrors.Handle(async () =>
            {
                await silences.Expire(id);
                return Results.NoContent();
            }))
            .ReturnsNothing().Problems(404).RequirePermission("automation:write");
    }

    private static async Task<IResult> ListRules(AutomationReads automation) => Results.Ok((await automation.Rules()).Select(RuleView.From));

    private static async Task<IResult> DefineRule(IGrainFactory grains, HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await DefinitionBody.ReadAsync(request, RuleRequest.MaxBodyBytes, cancellationToken);
        if (body is null) return problem!;
        if (!RuleRequest.TryParse(body, null, out var rule, out var errors)) return errors.ToResult();
        var created = await grains.GetGrain<IRuleGrain>(rule.Id).Define(rule);
        return created ? Results.Created($"/api/v1/automation/rules/{rule.Id}", RuleView.From(rule)) : Results.Ok(RuleView.From(rule));
    }

    private static async Task<IResult> History(AutomationReads automation, string id, string? last)
    {
        var errors = new ValidationErrors();
        var count = QueryValues.Last(last, 50, Limits.RuleHistoryKept, errors);
        if (errors.Any) return errors.ToResult();
        return await GrainErrors.Handle(async () => Results.Ok(await automation.History(id, count)));
    }

    /// <summary>Runs the rule's actions for an anomaly now, whatever its trigger says (silences still apply): 202 with what was done.</summary>
    private static Task<IResult> Execute(IGrainFactory grains, AutomationReads automation, HttpRequest request, string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<ExecuteBody>(request, cancellationToken, async body =>
        {
            if (!ResourceNames.IsValid(body.AnomalyId)) return ValidationErrors.Single("anomalyId", "required: " + ResourceNames.Rule);
            await automation.Rule(id);
            var anomaly = await grains.GetGrain<IAnomalyGrain>(body.AnomalyId!).Get() ?? throw new KeyNotFoundException($"no anomaly {body.AnomalyId}");
            var executions = await grains.GetGrain<IRuleGrain>(id).Handle(new AnomalyEvent(AnomalyEventKind.Opened, anomaly), force: true);
            return Results.Accepted($"/api/v1/automation/rules/{id}/history", executions);
        });

    private static Task<IResult> PutSilence(SilenceCommands silences, ApiCaller caller, HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.Handle<SilenceBody>(request, cancellationToken, async body =>
        {
            var silence = await silences.Create(caller.Actor, body.Id, body.DeviceId, body.Category, body.Metric, body.Duration, body.Comment);
            return Results.Created($"/api/v1/automation/silences/{silence.Id}", silence);
        });
}
