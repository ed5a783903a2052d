using System.Globalization;
using System.Text.Json.Nodes;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Abstractions.Security;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Grains.ChatOps;
using NetworkGrains.Silo.Api;
using NetworkGrains.Silo.Application;

namespace NetworkGrains.Silo.ChatOps;

/// <summary>
/// Runs a parsed command for a Teams user (their roles already checked against the command's) and answers with a
/// card: each command's entry in <see cref="ChatCommands"/> names the handler here, which reads the typed words and
/// calls the use case REST calls too. Bad values and things that do not exist are answered as such; nothing a user
/// types throws past here.
/// </summary>
public sealed class ChatCommandRunner(
    IGrainFactory grains, IAnomalyLog anomalies, ModelReads modelReads, ModelCommands models, TrainingCommands training, WorkflowRunCommands runs,
    TrafficForecasts forecasts, TimeProvider clock)
{
    public async Task<JsonObject> RunAsync(ChatCommand command, ChatContext context)
    {
        try
        {
            return await command.Spec.Run(this, command, context);
        }
        catch (InvalidInputProblem ex)
        {
            return ChatCards.Notice("Not understood", string.Join(" ", ex.Errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}.")), "Warning");
        }
        catch (ForbiddenProblem ex)
        {
            return ChatCards.Notice("Not allowed", $"Sorry, {ex.Message}; you have {string.Join(", ", context.Actor.Roles)}.", "Warning");
        }
        catch (DomainProblem ex)
        {
            return ChatCards.Notice("That did not work", ex.Message, "Warning");
        }
    }

    public static JsonObject Help(Actor actor) => ChatCards.Table("NetworkGrains commands", ["Command", "What it does"],
        ChatCommands.All.Where(c => c.Allows(actor.Roles)).Select(c => new[] { c.Usage, c.Description }),
        $"Your roles: {string.Join(", ", actor.Roles)}.");

    public static JsonObject Refusal(ChatCommandSpec spec, Actor actor) => ChatCards.Notice("Not allowed",
        $"Sorry, {spec.Usage.Split(' ')[0]} {string.Join(' ', spec.Words.Skip(1))} needs one of the roles {string.Join(", ", spec.Roles)}; you have {string.Join(", ", actor.Roles)}. Ask an admin if you need it.",
        "Warning");

    public static JsonObject Usage(ChatCommandError error) => ChatCards.Notice("I did not understand that",
        error.Message + (error.Suggestions.Length == 0 ? " Type help for the commands." : " Did you mean: " + string.Join("; ", error.Suggestions.Select(s => s.Usage)) + " ?"));

    internal async Task<JsonObject> ModelStatus()
    {
        var models = await modelReads.List();
        if (models.Length == 0) return ChatCards.Notice("Models", "There are no models yet.");
        return ChatCards.Table($"Models ({models.Length})", ["Model", "Type", "Production", "Latest"], models.Select(m => new[]
        {
            m.Name, SnakeCaseNames.Of(m.Type),
            m.Production is { } p ? $"v{p.Version} {Metric(p)}" : "-",
            m.Latest is { } l ? $"v{l.Version} {SnakeCaseNames.Of(l.Stage)}" : "-",
        }));
    }

    internal async Task<JsonObject> Deploy(ChatCommand command, Actor actor)
    {
        var (name, typed) = (command.Arguments[0], command.Arguments[1]);
        if (!int.TryParse(typed.TrimStart('v', 'V'), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return ChatCards.Notice("Not a version", $"\"{typed}\" is not a version number such as 3.", "Warning");
        var stage = command.Option("stage") is { } s ? SnakeCaseNames.Parse<ModelStage>(s) : ModelStage.Production;
        if (stage is not (ModelStage.Staging or ModelStage.Production)) return ChatCards.Notice("Not a stage", "--stage is staging or production.", "Warning");
        try
        {
            await models.Deploy(actor, name, version, stage, "deployed from Teams");
        }
        catch (ConflictProblem refused)
        {
            return ChatCards.Notice("Not deployed", refused.Message, "Warning");
        }
        return ChatCards.Notice("Deployed", $"{name} v{version} is in {SnakeCaseNames.Of(stage.Value)}.", "Good");
    }

    internal async Task<JsonObject> Train(ChatCommand command, Actor actor)
    {
        var (model, dataset) = (command.Arguments[0], command.Option("dataset")!);
        var job = await training.Start(actor, model, dataset, null, null, command.Option("validation"));
        return ChatCards.Facts("Training started", [("Job", job.Id), ("Model", model), ("Dataset", dataset), ("Status", SnakeCaseNames.Of(job.Status))],
            $"Follow it at /api/v1/training-jobs/{job.Id}.");
    }

    internal async Task<JsonObject> Predict(ChatCommand command, CancellationToken cancellationToken)
    {
        var device = command.Option("device")!;
        var errors = new ValidationErrors();
        if (QueryValues.Duration(command.Option("timeframe") ?? "24h", "timeframe", TrafficForecasts.MaxHorizon, errors) is not { } span || span < TimeSpan.FromHours(1))
            return ChatCards.Notice("Not a timeframe", "--timeframe is 1h to 24h, such as 4h or 24h.", "Warning");
        var (forecast, reason) = await forecasts.ForecastAsync(device, command.Option("interface"), span, cancellationToken);
        if (forecast is null) return ChatCards.Notice("No forecast yet", reason!);
        var peak = forecast.Points.MaxBy(p => p.BitsPerSecond)!;
        return ChatCards.Facts($"Traffic forecast for {device} [{forecast.Instance}], next {span.TotalHours:0}h", [
            ("Peak", $"{Rate(peak.BitsPerSecond)} at {peak.Time:HH:mm} UTC"),
            ("Mean", Rate(forecast.Points.Average(p => p.BitsPerSecond))),
            .. forecast.Points.Take(6).Select(p => (p.Time.ToString("HH:mm", CultureInfo.InvariantCulture), Rate(p.BitsPerSecond))),
        ], $"Method: {forecast.Method}.");
    }

    internal async Task<JsonObject> Analyze(ChatCommand command, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var last = QueryValues.Duration(command.Option("last") ?? "24h", "last", TimeSpan.FromDays(30), errors);
        var severity = command.Option("severity") is { } s ? SnakeCaseNames.Parse<AnomalySeverity>(s) : AnomalySeverity.Low;
        if (errors.Any || last is not { } span || severity is null)
            return ChatCards.Notice("Not understood", "--severity is low, medium, high or critical; --last is up to 30d, such as 4h.", "Warning");
        var (items, total) = await anomalies.Query(new AnomalyQuery(null, null, clock.GetUtcNow() - span, command.Option("device"), 1, 1000), cancellationToken);
        var matching = items.Where(a => a.Severity >= severity).ToArray();
        if (matching.Length == 0) return ChatCards.Notice("No anomalies", $"No {SnakeCaseNames.Of(severity.Value)} or worse anomalies in the last {command.Option("last") ?? "24h"}.", "Good");
        return ChatCards.Table($"{matching.Length} anomalies ({SnakeCaseNames.Of(severity.Value)}+, last {command.Option("last") ?? "24h"})", ["Device", "Type", "Severity", "Status"],
            matching.Take(10).Select(a => new[] { a.DeviceId, SnakeCaseNames.Of(a.Category), SnakeCaseNames.Of(a.Severity), SnakeCaseNames.Of(a.Status) }),
            "By category: " + string.Join(", ", matching.GroupBy(a => a.Category).OrderByDescending(g => g.Count()).Select(g => $"{SnakeCaseNames.Of(g.Key)} {g.Count()}"))
            + (total > items.Length ? $" (of the newest {items.Length})." : "."));
    }

    internal async Task<JsonObject> Automate(ChatCommand command, bool enable)
    {
        var rule = grains.GetGrain<IRuleGrain>(command.Arguments[0]);
        if ((ResourceNames.IsValid(command.Arguments[0]) ? await rule.Get() : null) is not { } definition)
            return ChatCards.Notice("No such rule", $"There is no rule {command.Arguments[0]}.", "Warning");
        var threshold = command.Option("threshold")?.TrimEnd('%');
        if (threshold is not null && !(double.TryParse(threshold, NumberStyles.Float, CultureInfo.InvariantCulture, out var percent) && percent is > 0 and <= 100))
            return ChatCards.Notice("Not a threshold", "--threshold is a percentage such as 85%.", "Warning");
        var actions = threshold is null ? definition.Actions : [.. definition.Actions.Select(a => a.Type == RuleActionType.RunWorkflow
            ? a with { Parameters = new Dictionary<string, string>(a.Parameters ?? []) { ["threshold"] = threshold } } : a)];
        await rule.Define(definition with { Enabled = enable, Actions = actions });
        return ChatCards.Notice(enable ? "Rule enabled" : "Rule disabled",
            $"{definition.Id} is {(enable ? "enabled" : "disabled")}" + (threshold is null ? "." : $", with its workflows' threshold at {threshold}%."), "Good");
    }

    internal async Task<JsonObject> RunWorkflow(ChatCommand command, Actor actor)
    {
        var (name, incident) = (command.Arguments[0], command.Option("incident")!);
        var run = await runs.Start(actor, name, new WorkflowInput(incident, null, null, []));
        return ChatCards.Facts($"Workflow {name} started", [("Run", run.Id), ("Incident", incident), ("Status", SnakeCaseNames.Of(run.Status))]);
    }

    internal async Task<JsonObject> Subscribe(ChatCommand command, ChatContext context)
    {
        var severity = command.Option("severity") is { } s ? SnakeCaseNames.Parse<AnomalySeverity>(s) : AnomalySeverity.High;
        var category = command.Option("category") is { } c ? SnakeCaseNames.Parse<AnomalyCategory>(c) : null;
        if (severity is null || (command.Option("category") is not null && category is null))
            return ChatCards.Notice("Not understood", "--severity is low, medium, high or critical; --category is a type such as traffic_spike.", "Warning");
        var sites = command.Option("site") is { } site ? new[] { site } : [];
        await grains.GetGrain<IChatCatalogGrain>(IChatCatalogGrain.Key).Subscribe(
            new ChatSubscription(context.ConversationId, severity.Value, sites, category is { } only ? [only] : [], context.Actor.Id));
        return ChatCards.Notice("Subscribed", $"This conversation gets {SnakeCaseNames.Of(severity.Value)} and worse anomalies"
            + (category is null ? "" : $" of type {SnakeCaseNames.Of(category.Value)}") + (sites.Length == 0 ? "" : $" at {sites[0]}") + ".", "Good");
    }

    internal async Task<JsonObject> Unsubscribe(string conversationId) =>
        await grains.GetGrain<IChatCatalogGrain>(IChatCatalogGrain.Key).Unsubscribe(conversationId)
            ? ChatCards.Notice("Unsubscribed", "No more anomaly cards here.")
            : ChatCards.Notice("Not subscribed", "This conversation had no subscription.");

    private static string Metric(ModelVersion version) =>
        version.Metrics.FirstOrDefault(m => m.Key is "f1" or "auc_roc" or "mase") is { Key: not null } metric ? $"{metric.Key} {metric.Value:0.###}" : "";

    private static string Rate(double bitsPerSecond) => bitsPerSecond switch
    {
        >= 1e9 => $"{bitsPerSecond / 1e9:0.##} Gbit/s",
        >= 1e6 => $"{bitsPerSecond / 1e6:0.##} Mbit/s",
        >= 1e3 => $"{bitsPerSecond / 1e3:0.##} kbit/s",
        _ => $"{bitsPerSecond:0} bit/s",
    };
}
