using System.Text.Json;
using System.Text.Json.Nodes;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Automation;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Automation;
using NetworkGrains.Grains.ChatOps;
using NetworkGrains.Silo.ChatOps;

namespace NetworkGrains.Integration.Tests.Teams;

/// <summary>Every kind of card the bot and the teams_notify action produce, checked by the reference Adaptive Cards library (npm adaptivecards 3.0.6) as 1.5.</summary>
public sealed class CardValidationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Every_card_the_bot_sends_is_a_valid_adaptive_card_1_5()
    {
        var cards = AllCards();
        var file = Path.Combine(Path.GetTempPath(), $"ng-cards-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, new JsonArray([.. cards]).ToJsonString());

        var (exitCode, output) = await NodeTools.RunAsync("validate-cards.mjs", file);
        File.Delete(file);

        Assert.True(exitCode == 0, output);
        Assert.Equal(cards.Length, output.Split('\n').Count(line => line.EndsWith(" ok", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_validator_does_refuse_a_broken_card()
    {
        var broken = ChatCards.Notice("title", "text");
        ((JsonArray)broken["body"]!).Add(new JsonObject { ["type"] = "TextBlock", ["text"] = "x", ["size"] = "Enormous" });
        var file = Path.Combine(Path.GetTempPath(), $"ng-cards-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, new JsonArray(broken).ToJsonString());

        var (exitCode, output) = await NodeTools.RunAsync("validate-cards.mjs", file);
        File.Delete(file);

        Assert.Equal(1, exitCode);
        Assert.Contains("Enormous", output);
    }

    private static JsonObject[] AllCards()
    {
        var anomaly = new Anomaly("a-1", "core-1", "ifHCInOctets", "3", AnomalyCategory.TrafficSpike, AnomalySeverity.Critical, 0.99999, 0.99999,
            AnomalyStatus.Detected, T0, T0.AddMinutes(3), 4, 9.1e8, [new AnomalyExplanation("ifHCInOctets", 9.1e8, 1.2e6, 0.99999)], [], null, "ngcompact");
        var input = new WorkflowInput("a-1", "core-1", "3", []);
        var waiting = new WorkflowRun("run-1", "incident-response", WorkflowRunStatus.WaitingForApproval, "approve", 1, null, input, [], "rule:x", T0, null);
        var approved = waiting with
        {
            Status = WorkflowRunStatus.Succeeded,
            CurrentStep = "resolve",
            Timeline = [new WorkflowStepRecord("approve", 1, true, T0, "approved in Teams", "teams:olga")],
        };
        var model = new ModelSummary("edge-anomaly", ModelType.AnomalyDetection, "", T0,
            [new ModelVersion(2, ModelStage.Production, "pca", "sha", ["cpu"], 0.5, "sha", 1, "code", new() { ["f1"] = 0.93, ["auc_roc"] = 0.97 }, T0, "olga", [], 100)],
            [], [], 0, [], null);
        var admin = new Actor("teams:olga", ["admin"]);
        ChatCommandParser.TryParse("/ml stauts models", out _, out var error);
        return
        [
            ChatCards.Anomaly(anomaly),
            ChatCards.Anomaly(anomaly with { Status = AnomalyStatus.Investigating }, "Acknowledged by teams:olga."),
            ChatCards.Anomaly(anomaly with { Status = AnomalyStatus.Resolved, Explanation = [] }),
            ChatCards.ModelDeployed(model, 2, "olga"),
            ChatCards.Approval(waiting),
            ChatCards.Approval(approved),
            ChatCards.Facts("Training started", [("Job", "j1"), ("Model", "edge-anomaly")], "footer"),
            ChatCards.Table("Models", ["Model", "Type"], [["edge-anomaly", "anomaly_detection"]], "footer"),
            ChatCards.Notice("Subscribed", "high and worse", "Good"),
            ChatCommandRunner.Help(admin),
            ChatCommandRunner.Help(new Actor("teams:vic", ["viewer"])),
            ChatCommandRunner.Refusal(ChatCommands.Train, new Actor("teams:vic", ["viewer"])),
            ChatCommandRunner.Usage(error),
            AnomalyCard.Build("Incident on {device}", ActionScope.ForRule("r", "k", new AnomalyEvent(AnomalyEventKind.Opened, anomaly), null)),
        ];
    }
}
