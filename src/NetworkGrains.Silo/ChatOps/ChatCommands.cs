using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Silo.ChatOps;

/// <summary>One command the bot understands: its words, arguments, options, the permission it needs (the REST API's), and its usage.</summary>
public sealed record ChatCommandSpec(
    string Name,
    string[] Words,
    string[] Arguments,
    string[] RequiredOptions,
    string[] OptionalOptions,
    string? Permission,
    string Description)
{
    /// <summary>How to type it; values in braces ({name}: Teams' markdown would drop angle brackets).</summary>
    public string Usage => "/" + string.Join(' ', Words.Concat(Arguments.Select(a => $"{{{a}}}"))
        .Concat(RequiredOptions.Select(o => $"--{o} {{{o}}}")).Concat(OptionalOptions.Select(o => $"[--{o} {{{o}}}]")));

    /// <summary>The roles that may run it (help: anyone).</summary>
    public string[] Roles => Permission is null ? [] : Permissions.RolesWith(Permission);

    public bool Allows(IEnumerable<string> roles) => Permission is null || Permissions.Allows(roles, Permission);

    /// <summary>Whether running it changes something (and so goes to the audit trail): anything but reads, forecasts and help.</summary>
    public bool Changes => Permission is not null && !Permission.EndsWith(":read", StringComparison.Ordinal) && Permission != "prediction:run";
}

/// <summary>The bot's commands (the seed's, with their roles) and a few for subscriptions.</summary>
public static class ChatCommands
{
    public static readonly ChatCommandSpec Help = new("help", ["help"], [], [], [], null, "what the bot can do for you");
    public static readonly ChatCommandSpec ModelStatus = new("ml-status", ["ml", "status", "models"], [], [], [], "model:read", "the models, their production versions and metrics");
    public static readonly ChatCommandSpec Deploy = new("ml-deploy", ["ml", "deploy", "model"], ["name", "version"], [], ["stage"], "model:deploy:staging",
        "promote a version (to production unless --stage staging; the registry's gates and approvals apply)");
    public static readonly ChatCommandSpec Train = new("ml-train", ["ml", "train"], ["model"], ["dataset"], ["validation"], "model:train",
        "train a new version of a model on a dataset");
    public static readonly ChatCommandSpec Predict = new("predict", ["predict", "traffic"], [], ["device"], ["timeframe", "interface"], "prediction:run",
        "the device's traffic forecast (up to 24h)");
    public static readonly ChatCommandSpec Analyze = new("analyze", ["analyze", "anomalies"], [], [], ["severity", "last", "device"], "anomaly:read",
        "the anomalies of the last hours, by category, newest first");
    public static readonly ChatCommandSpec AutomateEnable = new("automate-enable", ["automate", "enable"], ["rule"], [], ["threshold"], "automation:write",
        "enable a rule (and set the threshold its workflows use, such as 85%)");
    public static readonly ChatCommandSpec AutomateDisable = new("automate-disable", ["automate", "disable"], ["rule"], [], [], "automation:write", "disable a rule");
    public static readonly ChatCommandSpec WorkflowRun = new("workflow-run", ["workflow", "run"], ["name"], ["incident"], [], "workflow:run",
        "run a workflow for an anomaly");
    public static readonly ChatCommandSpec Subscribe = new("subscribe", ["subscribe", "anomalies"], [], [], ["severity", "site", "category"], "chatops:send",
        "send this conversation anomaly cards (default: high and critical)");
    public static readonly ChatCommandSpec Unsubscribe = new("unsubscribe", ["unsubscribe", "anomalies"], [], [], [], "chatops:send", "stop the anomaly cards here");

    public static readonly ChatCommandSpec[] All = [Help, ModelStatus, Deploy, Train, Predict, Analyze, AutomateEnable, AutomateDisable, WorkflowRun, Subscribe, Unsubscribe];
}
