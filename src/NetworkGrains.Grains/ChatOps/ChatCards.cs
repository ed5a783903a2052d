using System.Text.Json.Nodes;
using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Automation;

namespace NetworkGrains.Grains.ChatOps;

/// <summary>The Adaptive Cards (1.5) the bot sends: notifications with their buttons (Action.Execute), and command replies.</summary>
public static class ChatCards
{
    public const string Acknowledge = "acknowledge";
    public const string Investigate = "investigate";
    public const string Remediate = "remediate";
    public const string Approve = "approve";
    public const string Reject = "reject";

    /// <summary>anomaly_detected: what, where, how sure, why, what to do; the buttons while it is still open.</summary>
    public static JsonObject Anomaly(Anomaly anomaly, string? note = null)
    {
        var card = TeamsCards.Card([
            TeamsCards.Text($"Anomaly on {anomaly.DeviceId}: {SnakeCaseNames.Of(anomaly.Category)}", "Medium", "Bolder",
                anomaly.Severity >= AnomalySeverity.High ? "Attention" : null),
            TeamsCards.Facts([
                ("Device", anomaly.DeviceId),
                ("Type", SnakeCaseNames.Of(anomaly.Category)),
                ("Series", anomaly.Instance is null ? anomaly.Metric : $"{anomaly.Metric} [{anomaly.Instance}]"),
                ("Severity", SnakeCaseNames.Of(anomaly.Severity)),
                ("Confidence", $"{anomaly.Confidence:P2}"),
                ("Time", anomaly.FirstSeen.ToString("u")),
                ("Status", SnakeCaseNames.Of(anomaly.Status)),
                ("Anomaly", anomaly.Id),
            ]),
            TeamsCards.Text("**Why:** " + (anomaly.Explanation.Length == 0 ? "a typed device event"
                : string.Join("; ", anomaly.Explanation.Take(3).Select(e =>
                    $"{e.Feature} {TeamsCards.Number(e.Value)}" + (e.Baseline is { } b ? $" against a baseline of {TeamsCards.Number(b)}" : ""))))),
            TeamsCards.Text("**Recommended:** " + Recommendation(anomaly.Category)),
            .. note is null ? Array.Empty<JsonNode>() : [TeamsCards.Text(note, weight: "Bolder")],
        ]);
        if (anomaly.IsOpen)
        {
            var data = new JsonObject { ["anomalyId"] = anomaly.Id };
            card["actions"] = new JsonArray([
                .. anomaly.Status == AnomalyStatus.Detected ? [Execute("Acknowledge", Acknowledge, data)] : Array.Empty<JsonNode>(),
                Execute("Investigate", Investigate, data),
                Execute("Auto-remediate", Remediate, data),
            ]);
        }

        return card;
    }

    /// <summary>model_deployed: which model, which version, who, and its validation metrics.</summary>
    public static JsonObject ModelDeployed(ModelSummary model, int version, string by) =>
        TeamsCards.Card(
            TeamsCards.Text($"Model {model.Name} v{version} is in production", "Medium", "Bolder", "Good"),
            TeamsCards.Facts([
                ("Model", model.Name), ("Type", SnakeCaseNames.Of(model.Type)), ("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("By", by),
                .. (model.Versions.FirstOrDefault(v => v.Version == version)?.Metrics ?? []).OrderBy(m => m.Key).Select(m => (m.Key, TeamsCards.Number(m.Value))),
            ]));

    /// <summary>A workflow waiting for a person: Approve and Reject while it waits, the decision after.</summary>
    public static JsonObject Approval(WorkflowRun run)
    {
        var waiting = run.Status == WorkflowRunStatus.WaitingForApproval;
        var decided = run.Timeline.LastOrDefault(t => t.By is not null);
        var card = TeamsCards.Card(
            TeamsCards.Text($"Workflow {run.Workflow} {(waiting ? "waits for an approval" : "is " + SnakeCaseNames.Of(run.Status))}", "Medium", "Bolder", waiting ? "Warning" : null),
            TeamsCards.Facts([
                ("Run", run.Id), ("Step", run.CurrentStep ?? "-"), ("Anomaly", run.Input.AnomalyId ?? "-"), ("Device", run.Input.DeviceId ?? "-"),
                ("Instance", run.Input.Instance ?? "-"), ("Started by", run.StartedBy),
                .. decided is null ? Array.Empty<(string, string)>() : [("Decision", $"{decided.Detail} by {decided.By}")],
            ]));
        if (waiting)
        {
            var data = new JsonObject { ["runId"] = run.Id };
            card["actions"] = new JsonArray(Execute("Approve", Approve, data), Execute("Reject", Reject, data));
        }

        return card;
    }

    /// <summary>A reply of facts under a title (a table reads better as facts than as text).</summary>
    public static JsonObject Facts(string title, IEnumerable<(string Title, string Value)> facts, string? footer = null) =>
        TeamsCards.Card([TeamsCards.Text(title, "Medium", "Bolder"), TeamsCards.Facts(facts), .. footer is null ? Array.Empty<JsonNode>() : [TeamsCards.Text(footer)]]);

    /// <summary>A small table: a header row and one row per item, each a ColumnSet so that the cells of a row line up.</summary>
    public static JsonObject Table(string title, string[] header, IEnumerable<string[]> rows, string? footer = null)
    {
        JsonObject Row(string[] cells, bool bold) => new()
        {
            ["type"] = "ColumnSet",
            ["separator"] = !bold,
            ["columns"] = new JsonArray([.. cells.Select(cell => (JsonNode)new JsonObject
            {
                ["type"] = "Column",
                ["width"] = "stretch",
                ["items"] = new JsonArray(TeamsCards.Text(cell, weight: bold ? "Bolder" : null)),
            })]),
        };
        return TeamsCards.Card([
            TeamsCards.Text(title, "Medium", "Bolder"),
            Row(header, bold: true),
            .. rows.Select(r => (JsonNode)Row(r, bold: false)),
            .. footer is null ? Array.Empty<JsonNode>() : [TeamsCards.Text(footer)],
        ]);
    }

    public static JsonObject Notice(string title, string text, string? color = null) =>
        TeamsCards.Card(TeamsCards.Text(title, "Medium", "Bolder", color), TeamsCards.Text(text));

    private static JsonObject Execute(string title, string verb, JsonObject data) =>
        new() { ["type"] = "Action.Execute", ["title"] = title, ["verb"] = verb, ["data"] = data.DeepClone() };

    private static string Recommendation(AnomalyCategory category) => category switch
    {
        AnomalyCategory.TrafficSpike => "look at the interface's top talkers; shape or shut the source if it is an attack",
        AnomalyCategory.TrafficDrop => "check the path and the neighbours; a link or routing change is the usual cause",
        AnomalyCategory.InterfaceErrors => "check optics, cabling and duplex on the interface",
        AnomalyCategory.LinkDown => "check the physical link and the far end",
        AnomalyCategory.Cpu or AnomalyCategory.Memory => "look for a control-plane storm or a runaway process",
        AnomalyCategory.SecurityThreat => "look at the flows from the sources involved and block them if hostile",
        AnomalyCategory.Routing => "check the neighbour, the link to it and recent routing changes",
        AnomalyCategory.ConfigChange => "check that the change was planned, and who made it",
        AnomalyCategory.Hardware => "check power, fans and temperature on the device",
        AnomalyCategory.LogStorm => "read the device's logs for what repeats, and what started it",
        _ => "open an investigation and look at the device's recent changes",
    };
}
