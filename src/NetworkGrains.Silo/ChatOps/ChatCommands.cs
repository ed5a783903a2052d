namespace NetworkGrains.Silo.ChatOps;

/// <summary>One command the bot understands: its words, arguments, options, the roles that may run it, and its usage.</summary>
public sealed record ChatCommandSpec(
    string Name,
    string[] Words,
    string[] Arguments,
    string[] RequiredOptions,
    string[] OptionalOptions,
    string[] Roles,
    string Description)
{
    /// <summary>How to type it; values in braces ({name}: Teams' markdown would drop angle brackets).</summary>
    public string Usage => "/" + string.Join(' ', Words.Concat(Arguments.Select(a => $"{{{a}}}"))
        .Concat(RequiredOptions.Select(o => $"--{o} {{{o}}}")).Concat(OptionalOptions.Select(o => $"[--{o} {{{o}}}]")));

    /// <summary>Admins may run everything; help needs no role.</summary>
    public bool Allows(IEnumerable<string> roles) => Roles.Length == 0 || roles.Any(r => r == "admin" || Roles.Contains(r, StringComparer.Ordinal));
}

/// <summary>The bot's commands (the seed's, with their roles) and a few for subscriptions.</summary>
public static class ChatCommands
{
    private static readonly string[] Everyone = ["viewer", "operator", "network_admin", "ml_engineer", "ml_admin", "data_scientist", "security_admin", "incident_responder"];
    private static readonly string[] Operators = ["operator", "network_admin", "incident_responder", "security_admin"];

    public static readonly ChatCommandSpec Help = new("help", ["help"], [], [], [], [], "what the bot can do for you");
    public static readonly ChatCommandSpec ModelStatus = new("ml-status", ["ml", "status", "models"], [], [], [], Everyone, "the models, their production versions and metrics");
    public static readonly ChatCommandSpec Deploy = new("ml-deploy", ["ml", "deploy", "model"], ["name", "version"], [], ["stage"], ["ml_engineer", "ml_admin"],
        "promote a version (to production unless --stage staging; the registry's gates and approvals apply)");
    public static readonly ChatCommandSpec Train = new("ml-train", ["ml", "train"], ["model"], ["dataset"], ["validation"], ["ml_engineer", "ml_admin", "data_scientist"],
        "train a new version of a model on a dataset");
    public static readonly ChatCommandSpec Predict = new("predict", ["predict", "traffic"], [], ["device"], ["timeframe", "interface"], Everyone,
        "the device's traffic forecast (up to 24h)");
    public static readonly ChatCommandSpec Analyze = new("analyze", ["analyze", "anomalies"], [], [], ["severity", "last", "device"], Everyone,
        "the anomalies of the last hours, by category, newest first");
    public static readonly ChatCommandSpec AutomateEnable = new("automate-enable", ["automate", "enable"], ["rule"], [], ["threshold"], ["network_admin"],
        "enable a rule (and set the threshold its workflows use, such as 85%)");
    public static readonly ChatCommandSpec AutomateDisable = new("automate-disable", ["automate", "disable"], ["rule"], [], [], ["network_admin"], "disable a rule");
    public static readonly ChatCommandSpec WorkflowRun = new("workflow-run", ["workflow", "run"], ["name"], ["incident"], [], ["incident_responder", "network_admin"],
        "run a workflow for an anomaly");
    public static readonly ChatCommandSpec Subscribe = new("subscribe", ["subscribe", "anomalies"], [], [], ["severity", "site", "category"], Operators,
        "send this conversation anomaly cards (default: high and critical)");
    public static readonly ChatCommandSpec Unsubscribe = new("unsubscribe", ["unsubscribe", "anomalies"], [], [], [], Operators, "stop the anomaly cards here");

    public static readonly ChatCommandSpec[] All = [Help, ModelStatus, Deploy, Train, Predict, Analyze, AutomateEnable, AutomateDisable, WorkflowRun, Subscribe, Unsubscribe];
}
