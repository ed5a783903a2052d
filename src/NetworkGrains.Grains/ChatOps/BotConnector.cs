using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetworkGrains.Grains.ChatOps;

/// <summary>
/// Sends activities to a conversation through its Bot Connector ({serviceUrl}/v3/conversations/...): new messages,
/// replies and updates, with the bot's token, retried on network errors, 429 and 5xx (Retry-After honoured up to
/// <see cref="MaxRetryAfter"/>).
/// </summary>
public sealed class BotConnector(HttpClient http, BotTokens tokens)
{
    public const int Attempts = 4;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Posts a message (as a reply to <paramref name="replyToId"/> if given); the id the connector gave it.</summary>
    public async Task<string?> SendAsync(ConversationReference to, string? conversationId, JsonObject activity, string? replyToId, CancellationToken cancellationToken)
    {
        var conversation = Uri.EscapeDataString(conversationId ?? to.ConversationId);
        var path = replyToId is null ? $"v3/conversations/{conversation}/activities" : $"v3/conversations/{conversation}/activities/{Uri.EscapeDataString(replyToId)}";
        var body = await CallAsync(HttpMethod.Post, to, path, Complete(activity, to, conversationId, replyToId), cancellationToken);
        return body is { Length: > 0 } && JsonNode.Parse(body)?["id"]?.GetValue<string>() is { } id ? id : null;
    }

    /// <summary>Replaces a message the bot sent (a card updated in place).</summary>
    public Task UpdateAsync(ConversationReference to, string activityId, JsonObject activity, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Put, to, $"v3/conversations/{Uri.EscapeDataString(to.ConversationId)}/activities/{Uri.EscapeDataString(activityId)}",
            Complete(activity, to, null, null), cancellationToken);

    public static JsonObject Message(string text) => new() { ["type"] = "message", ["text"] = text, ["textFormat"] = "markdown" };

    public static JsonObject CardMessage(JsonObject card, string? summary = null) => new()
    {
        ["type"] = "message",
        ["summary"] = summary,
        ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = Automation.TeamsCards.CardContentType, ["content"] = card }),
    };

    private static JsonObject Complete(JsonObject activity, ConversationReference to, string? conversationId, string? replyToId)
    {
        activity["from"] ??= new JsonObject { ["id"] = to.BotId, ["name"] = to.BotName };
        activity["conversation"] ??= new JsonObject { ["id"] = conversationId ?? to.ConversationId };
        activity["channelId"] ??= to.ChannelId;
        if (replyToId is not null) activity["replyToId"] = replyToId;
        return activity;
    }

    /// <summary>Under its own client span, whose traceparent every attempt carries.</summary>
    private async Task<string> CallAsync(HttpMethod method, ConversationReference to, string path, JsonObject activity, CancellationToken cancellationToken)
    {
        using var span = NetworkGrainsTracing.Source.StartActivity("bot connector " + method.Method.ToLowerInvariant(), ActivityKind.Client);
        var url = new Uri(new Uri(to.ServiceUrl.EndsWith('/') ? to.ServiceUrl : to.ServiceUrl + "/"), path);
        span?.SetTag("server.address", url.Host);
        var body = JsonSerializer.SerializeToUtf8Bytes(activity);
        var detail = "";
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                using var request = new HttpRequestMessage(method, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                if (await tokens.GetAsync(cancellationToken) is { } token) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                NetworkGrainsTracing.Inject(span, request);
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode) return await response.Content.ReadAsStringAsync(cancellationToken);
                detail = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500) break;
                retryAfter = response.Headers.RetryAfter?.Delta
                             ?? (response.Headers.RetryAfter?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                detail = ex.GetType().Name;
            }

            if (attempt < Attempts)
                await Task.Delay(retryAfter is { } wait && wait > TimeSpan.Zero && wait <= MaxRetryAfter ? wait : FirstBackoff * Math.Pow(2, attempt - 1), cancellationToken);
        }

        throw new BotConnectorException($"{method} {url.AbsolutePath} failed: {detail}");
    }
}

/// <summary>The connector did not take an activity after every retry.</summary>
public sealed class BotConnectorException(string message) : Exception(message);
