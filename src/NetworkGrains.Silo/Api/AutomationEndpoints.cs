using System.Text.Json.Nodes;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Grains.Automation;
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
        rules.MapGet("/{id}", (IGrainFactory grains, string id) => GrainErrors.Handle(async () => Results.Ok(RuleView.From(await Existing(grains, id)))))
            .Returns<RuleView>().Problems(404).RequirePermission("automation:read");
        rules.MapGet("/{id}/history", History).Returns<RuleExecution[]>().Problems(404).RequirePermission("automation:read");
        rules.MapPost("/{id}/execute", Execute).Takes<ExecuteBody>().Returns<RuleExecution[]>(202).Problems(404).RequirePermission("automation:execute");

        var silences = app.MapGroup("/api/v1/automation/silences");
        silences.MapGet("", async (IGrainFactory grains) => Results.Ok(await Catalog(grains).Silences())).Returns<Silence[]>().RequirePermission("automation:read");
        silences.MapPost("", PutSilence).Takes<SilenceBody>().Returns<Silence>(201).RequirePermission("automation:write");
        silences.MapDelete("/{id}", async (IGrainFactory grains, string id) => await Catalog(grains).DeleteSilence(id)
            ? Results.NoContent()
            : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"no silence {id}"))
            .ReturnsNothing().Problems(404).RequirePermission("automation:write");
    }

    private static async Task<IResult> ListRules(IGrainFactory grains)
    {
        var ids = await Catalog(grains).Rules();
        var definitions = await Task.WhenAll(ids.Select(id => grains.GetGrain<IRuleGrain>(id).Get()));
        return Results.Ok(definitions.OfType<RuleDefinition>().Select(RuleView.From));
    }

    private static async Task<IResult> DefineRule(IGrainFactory grains, HttpRequest request, CancellationToken cancellationToken)
    {
        var (body, problem) = await DefinitionBody.ReadAsync(request, RuleRequest.MaxBodyBytes, cancellationToken);
        if (body is null) return problem!;
        if (!RuleRequest.TryParse(body, null, out var rule, out var errors)) return errors.ToResult();
        var created = await grains.GetGrain<IRuleGrain>(rule.Id).Define(rule);
        return created ? Results.Created($"/api/v1/automation/rules/{rule.Id}", RuleView.From(rule)) : Results.Ok(RuleView.From(rule));
    }

    private static async Task<IResult> History(IGrainFactory grains, string id, string? last)
    {
        var errors = new ValidationErrors();
        var count = QueryValues.Last(last, 50, RuleGrain.MaxHistory, errors);
        if (errors.Any) return errors.ToResult();
        return await GrainErrors.Handle(async () =>
        {
            await Existing(grains, id);
            return Results.Ok(await grains.GetGrain<IRuleGrain>(id).History(count));
        });
    }

    /// <summary>Runs the rule's actions for an anomaly now, whatever its trigger says (silences still apply): 202 with what was done.</summary>
    private static Task<IResult> Execute(IGrainFactory grains, HttpRequest request, string id, CancellationToken cancellationToken) =>
        JsonBody.Handle<ExecuteBody>(request, cancellationToken, async body =>
        {
            if (!ResourceNames.IsValid(body.AnomalyId)) return ValidationErrors.Single("anomalyId", "required: " + ResourceNames.Rule);
            await Existing(grains, id);
            var anomaly = await grains.GetGrain<IAnomalyGrain>(body.AnomalyId!).Get() ?? throw new KeyNotFoundException($"no anomaly {body.AnomalyId}");
            var executions = await grains.GetGrain<IRuleGrain>(id).Handle(new AnomalyEvent(AnomalyEventKind.Opened, anomaly), force: true);
            return Results.Accepted($"/api/v1/automation/rules/{id}/history", executions);
        });

    private static Task<IResult> PutSilence(IGrainFactory grains, ApiCaller caller, TimeProvider clock, HttpRequest request, CancellationToken cancellationToken) =>
        JsonBody.Handle<SilenceBody>(request, cancellationToken, async body =>
        {
            var errors = new ValidationErrors();
            var id = body.Id ?? Guid.NewGuid().ToString("N");
            if (!ResourceNames.IsValid(id)) errors.Add("id", ResourceNames.Rule);
            if (body.DeviceId is null && body.Category is null && body.Metric is null) errors.Add("deviceId", "a silence needs at least one matcher: deviceId, category or metric");
            var duration = RuleRequest.Duration(body.Duration, "duration", errors);
            if (errors.Any) return errors.ToResult();
            var silence = new Silence(id, body.DeviceId, body.Category, body.Metric, clock.GetUtcNow() + duration, caller.Actor.Id, body.Comment ?? "");
            return Results.Created($"/api/v1/automation/silences/{id}", await Catalog(grains).PutSilence(silence));
        });

    private static IAutomationCatalogGrain Catalog(IGrainFactory grains) => grains.GetGrain<IAutomationCatalogGrain>(IAutomationCatalogGrain.Key);

    private static async Task<RuleDefinition> Existing(IGrainFactory grains, string id) =>
        (ResourceNames.IsValid(id) ? await grains.GetGrain<IRuleGrain>(id).Get() : null) ?? throw new KeyNotFoundException($"no rule {id}");
}
