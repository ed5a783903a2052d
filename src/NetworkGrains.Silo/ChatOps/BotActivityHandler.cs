using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Automation;
using NetworkGrains.Grains.Audit;
using NetworkGrains.Silo.Api;
using NetworkGrains.Grains.ChatOps;

namespace NetworkGrains.Silo.ChatOps;

/// <summary>
/// What the bot does with each activity: remembers the conversation, answers commands and card clicks (as the
/// user, with their roles), welcomes on install, forgets on uninstall. Replies go through the Bot Connector;
/// an adaptiveCard/action invoke is answered in the HTTP response with the refreshed card.
/// </summary>
public sealed partial class BotActivityHandler(
    IGrainFactory grains,
    BotConnector connector,
    ChatCommandRunner commands,
    CardActions cardActions,
    AuditTrail audit,
    ResourceStates states,
    IOptions<TeamsOptions> options,
    TimeProvider clock,
    ILogger<BotActivityHandler> logger)
{
    public const string CardActionInvoke = "adaptiveCard/action";

    /// <summary>The invoke response body, or null for activities answered with a plain 200.</summary>
    public async Task<JsonObject?> HandleAsync(BotActivity activity, CancellationToken cancellationToken)
    {
        var conversation = Reference(activity);
        var directory = grains.GetGrain<IChatCatalogGrain>(IChatCatalogGrain.Key);
        switch (activity.Type)
        {
            case "message":
                await directory.Remember(conversation);
                await ReplyAsync(activity, conversation, await AnswerMessage(activity), cancellationToken);
                return null;
            case "invoke" when activity.Name == CardActionInvoke:
                await directory.Remember(conversation);
                var action = activity.Value is { ValueKind: JsonValueKind.Object } value && value.TryGetProperty("action", out var a) ? a : (JsonElement?)null;
                var card = await cardActions.HandleAsync(BotActivity.StringProperty(action, "verb"), action is { } x && x.TryGetProperty("data", out var data) ? data : null, ActorOf(activity));
                return new JsonObject { ["statusCode"] = 200, ["type"] = TeamsCards.CardContentType, ["value"] = card };
            case "invoke":
                return new JsonObject
                {
                    ["statusCode"] = 400,
                    ["type"] = "application/vnd.microsoft.error",
                    ["value"] = new JsonObject { ["code"] = "BadRequest", ["message"] = $"this bot does not handle invoke {activity.Name}" },
                };
            case "conversationUpdate" when activity.MembersAdded?.Any(m => m.Id == activity.Recipient?.Id) == true:
            case "installationUpdate" when activity.Action is "add" or "add-upgrade":
                await directory.Remember(conversation);
                await ReplyAsync(activity, conversation, ChatCommandRunner.Help(ActorOf(activity)), cancellationToken, reply: false);
                return null;
            case "installationUpdate" when activity.Action is "remove" or "remove-upgrade":
                await directory.Forget(conversation.ConversationId);
                return null;
            default:
                return null;
        }
    }

    private async Task<JsonObject> AnswerMessage(BotActivity activity)
    {
        var actor = ActorOf(activity);
        // Action.Submit (messageBack) carries the button's data instead of text.
        if (activity.Value is { ValueKind: JsonValueKind.Object } submitted && BotActivity.StringProperty(submitted, "verb") is { } verb)
            return await cardActions.HandleAsync(verb, submitted, actor);
        if (!ChatCommandParser.TryParse(activity.Text, out var command, out var error)) return ChatCommandRunner.Usage(error);
        var target = string.Join(' ', command.Arguments.Concat(command.Options.Select(o => $"--{o.Key} {o.Value}")));
        if (!command.Spec.Allows(actor.Roles))
        {
            LogRefused(actor.Id, command.Spec.Name);
            await audit.RecordAsync(actor, "chatops", $"command {command.Spec.Name}", target, "refused: not in its roles");
            return ChatCommandRunner.Refusal(command.Spec, actor);
        }

        LogCommand(actor.Id, command.Spec.Name);
        var resource = command.Spec.Resource?.Invoke(command);
        var before = await states.ReadAsync(resource);
        var reply = await commands.RunAsync(command, new ChatContext(actor, activity.RootConversationId, CancellationToken.None));
        if (command.Spec.Changes)
            await audit.RecordAsync(actor, "chatops", $"command {command.Spec.Name}", target, Title(reply),
                change: AuditChange.Between(before, await states.ReadAsync(resource)));
        return reply;
    }

    private async Task ReplyAsync(BotActivity activity, ConversationReference conversation, JsonObject card, CancellationToken cancellationToken, bool reply = true)
    {
        try
        {
            await connector.SendAsync(conversation, activity.Conversation!.Id, BotConnector.CardMessage(card), reply ? activity.Id : null, cancellationToken);
        }
        catch (BotConnectorException ex)
        {
            LogReplyFailed(ex, conversation.ConversationId);
        }
    }

    /// <summary>The Teams user as an actor: "teams:" and their AAD object id (or channel id), with the roles Teams:Users gives them.</summary>
    private Actor ActorOf(BotActivity activity)
    {
        var from = activity.From ?? new ChannelAccount("unknown", null, null);
        return new Actor($"teams:{from.Name ?? from.Id}", options.Value.RolesOf(from.AadObjectId, from.Id ?? ""));
    }

    private ConversationReference Reference(BotActivity activity) => new(activity.RootConversationId, activity.ServiceUrl!, activity.ChannelId!,
        activity.Conversation!.ConversationType, activity.Conversation.TenantId, activity.Recipient!.Id!, activity.Recipient.Name, clock.GetUtcNow());

    private static string Title(JsonObject card) => card["body"]?[0]?["text"]?.GetValue<string>() ?? "";

    [LoggerMessage(Level = LogLevel.Information, Message = "Teams command {Command} by {User}")]
    private partial void LogCommand(string user, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Teams command {Command} refused to {User}: not in its roles")]
    private partial void LogRefused(string user, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replying in Teams conversation {ConversationId} failed")]
    private partial void LogReplyFailed(Exception ex, string conversationId);
}
