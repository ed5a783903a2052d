using NetworkGrains.Abstractions.Security;
using NetworkGrains.Silo.ChatOps;

namespace NetworkGrains.Silo.Tests;

public sealed class ChatCommandParserTests
{
    [Theory]
    [InlineData("help", "help")]
    [InlineData("/ml status models", "ml-status")]
    [InlineData("<at>NetworkGrains</at> /ml deploy model edge-anomaly 3", "ml-deploy")]
    [InlineData("/ml train edge-anomaly --dataset edge-train", "ml-train")]
    [InlineData("/predict traffic --device core-1 --timeframe 24h", "predict")]
    [InlineData("/analyze anomalies --severity high --last 4h", "analyze")]
    [InlineData("/automate enable bandwidth --threshold 85%", "automate-enable")]
    [InlineData("/workflow run incident-response --incident a-123", "workflow-run")]
    [InlineData("/Subscribe Anomalies --severity high", "subscribe")]
    [InlineData("ml status models", "ml-status")]
    public void The_seeds_commands_are_understood(string text, string name)
    {
        Assert.True(ChatCommandParser.TryParse(text, out var command, out var error), error?.Message);

        Assert.Equal(name, command.Spec.Name);
    }

    [Fact]
    public void Arguments_options_and_quotes_are_kept()
    {
        Assert.True(ChatCommandParser.TryParse("/ml train \"edge model\" --dataset edge-train --validation edge-check", out var command, out _));

        Assert.Equal(["edge model"], command.Arguments);
        Assert.Equal(("edge-train", "edge-check"), (command.Option("dataset"), command.Option("validation")));
    }

    [Theory]
    [InlineData("/ml stauts models", "I do not know", "ml-status")]
    [InlineData("/predcit traffic --device x", "I do not know", "predict")]
    [InlineData("/ml deploy model edge-anomaly", "needs name and version", "ml-deploy")]
    [InlineData("/ml train edge-anomaly", "--dataset is required", "ml-train")]
    [InlineData("/predict traffic --device", "--device needs a value", "predict")]
    [InlineData("/analyze anomalies --colour red", "has no option --colour", "analyze")]
    [InlineData("/ml status models now", "takes no arguments", "ml-status")]
    public void Bad_commands_get_the_reason_and_a_suggestion(string text, string reason, string suggested)
    {
        Assert.False(ChatCommandParser.TryParse(text, out _, out var error));

        Assert.Contains(reason, error.Message);
        Assert.Equal(suggested, error.Suggestions.First().Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<at>NetworkGrains</at>")]
    [InlineData("launch the missiles")]
    public void Nothing_or_nonsense_is_an_error_not_an_exception(string text)
    {
        Assert.False(ChatCommandParser.TryParse(text, out _, out var error));

        Assert.NotEmpty(error.Message);
    }

    [Fact]
    public void An_oversized_message_is_refused()
    {
        Assert.False(ChatCommandParser.TryParse(new string('x', ChatCommandParser.MaxLength + 1), out _, out var error));

        Assert.Contains("longer than", error.Message);
    }

    [Fact]
    public void Roles_allow_what_the_seed_says_and_admins_everything()
    {
        Assert.True(ChatCommands.ModelStatus.Allows(["viewer"]));
        Assert.False(ChatCommands.Train.Allows(["viewer"]));
        Assert.True(ChatCommands.Train.Allows(["ml_engineer"]));
        Assert.False(ChatCommands.Train.Allows(["data_scientist"])); // the seed's data_scientist reads models, it does not train them
        Assert.False(ChatCommands.WorkflowRun.Allows(["ml_engineer"]));
        Assert.True(ChatCommands.WorkflowRun.Allows(["admin"]));
        Assert.True(ChatCommands.Help.Allows([]));
    }

    [Fact]
    public void The_command_table_has_one_entry_per_name_each_with_a_known_permission()
    {
        Assert.Equal(ChatCommands.All.Length, ChatCommands.All.Select(c => c.Name).Distinct().Count());
        Assert.All(ChatCommands.All, c => Assert.True(c.Permission is null || Permissions.Known.Contains(c.Permission), c.Name));
        Assert.Equal(["ml-deploy", "automate-enable", "automate-disable"], ChatCommands.All.Where(c => c.Resource is not null).Select(c => c.Name));
    }
}
