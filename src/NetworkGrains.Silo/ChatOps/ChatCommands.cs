using System.Text.Json.Nodes;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Silo.ChatOps;

/// <summary>Who runs a command, and where: the Teams user as an actor and the conversation (a channel's root).</summary>
public sealed record ChatContext(Actor Actor, string ConversationId, CancellationToken CancellationToken);

/// <summary>
/// One command the bot understands: its words, arguments, options, the permission it needs (the REST API's), its
/// usage, what it runs (<see cref="Run"/>, on the runner's use cases) and, when it changes something, the REST path
/// of what it changes (for the audit's before and after).
/// </summary>
public sealed record ChatCommandSpec(
    string Name,
    string[] Words,
    string[] Arguments,
    string[] RequiredOptions,
    string[] OptionalOptions,
    string? Permission,
    string Description,
    Func<ChatCommandRunner, ChatCommand, ChatContext, Task<JsonObject>> Run,
    Func<ChatCommand, string>? Resource = null)
{
    /// <summary>How to type it; values in braces ({name}: Teams' markdown would drop angle brackets).</summary>
    public string Usage => "/" + string.Join(' ', Words.Concat(Arguments.Select(a => $"{{{a}}}"))
        .Concat(RequiredOptions.Select(o => $"--{o} {{{o}}}")).Concat(OptionalOptions.Select(o => $"[--{o} {{{o}}}]")));

    /// <summary>The roles that may run it (help: anyone).</summary>
    public string[] Roles => Permission is null ? [] : Permissions.RolesWith(Permission);

    public bool Allows(IEnumerable<string> roles) => Permission is null || Permissions.Allows(roles, Permission);

    /// <summary>Whether running it changes something (and so goes to the audit trail): anything but reads, forecasts and help.</summary>
    public bool Changes => Permission is not null && !Permission.EndsWith(":read", StringComparison.Ordinal) && Permission != Permissions.PredictionRun;
}

/// <summary>The bot's commands (the seed's, with their roles) and a few for subscriptions: the one table the parser, help and dispatch read.</summary>
public static class ChatCommands
{
    public static readonly ChatCommandSpec Help = new("help", ["help"], [], [], [], null, "what the bot can do for you",
        (_, _, context) => Task.FromResult(ChatCommandRunner.Help(context.Actor)));

    public static readonly ChatCommandSpec ModelStatus = new("ml-status", ["ml", "status", "models"], [], [], [], Permissions.ModelRead,
        "the models, their production versions and metrics", (runner, _, _) => runner.ModelStatus());

    public static readonly ChatCommandSpec Deploy = new("ml-deploy", ["ml", "deploy", "model"], ["name", "version"], [], ["stage"], Permissions.ModelDeployStaging,
        "promote a version (to production unless --stage staging; the registry's gates and approvals apply)",
        (runner, command, context) => runner.Deploy(command, context.Actor), command => $"/api/v1/models/{command.Arguments[0]}");

    public static readonly ChatCommandSpec Train = new("ml-train", ["ml", "train"], ["model"], ["dataset"], ["validation"], Permissions.ModelTrain,
        "train a new version of a model on a dataset", (runner, command, context) => runner.Train(command, context.Actor));

    public static readonly ChatCommandSpec Predict = new("predict", ["predict", "traffic"], [], ["device"], ["timeframe", "interface"], Permissions.PredictionRun,
        "the device's traffic forecast (up to 24h)", (runner, command, context) => runner.Predict(command, context.CancellationToken));

    public static readonly ChatCommandSpec Analyze = new("analyze", ["analyze", "anomalies"], [], [], ["severity", "last", "device"], Permissions.AnomalyRead,
        "the anomalies of the last hours, by category, newest first", (runner, command, context) => runner.Analyze(command, context.CancellationToken));

    public static readonly ChatCommandSpec AutomateEnable = new("automate-enable", ["automate", "enable"], ["rule"], [], ["threshold"], Permissions.AutomationWrite,
        "enable a rule (and set the threshold its workflows use, such as 85%)", (runner, command, _) => runner.Automate(command, enable: true), RuleResource);

    public static readonly ChatCommandSpec AutomateDisable = new("automate-disable", ["automate", "disable"], ["rule"], [], [], Permissions.AutomationWrite,
        "disable a rule", (runner, command, _) => runner.Automate(command, enable: false), RuleResource);

    public static readonly ChatCommandSpec WorkflowRun = new("workflow-run", ["workflow", "run"], ["name"], ["incident"], [], Permissions.WorkflowRun,
        "run a workflow for an anomaly", (runner, command, context) => runner.RunWorkflow(command, context.Actor));

    public static readonly ChatCommandSpec Subscribe = new("subscribe", ["subscribe", "anomalies"], [], [], ["severity", "site", "category"], Permissions.ChatOpsSend,
        "send this conversation anomaly cards (default: high and critical)", (runner, command, context) => runner.Subscribe(command, context));

    public static readonly ChatCommandSpec Unsubscribe = new("unsubscribe", ["unsubscribe", "anomalies"], [], [], [], Permissions.ChatOpsSend,
        "stop the anomaly cards here", (runner, _, context) => runner.Unsubscribe(context.ConversationId));

    public static readonly ChatCommandSpec[] All = [Help, ModelStatus, Deploy, Train, Predict, Analyze, AutomateEnable, AutomateDisable, WorkflowRun, Subscribe, Unsubscribe];

    private static string RuleResource(ChatCommand command) => $"/api/v1/automation/rules/{command.Arguments[0]}";
}
