using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NetworkGrains.Grains.Automation;

/// <summary>Adaptive Card 1.5 building blocks, and the message envelope a Teams incoming webhook takes.</summary>
public static class TeamsCards
{
    public const string CardContentType = "application/vnd.microsoft.card.adaptive";
    public const string Version = "1.5";

    public static JsonObject Card(params JsonNode[] body) => new()
    {
        ["type"] = "AdaptiveCard",
        ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
        ["version"] = Version,
        ["body"] = new JsonArray(body),
    };

    public static JsonObject Text(string text, string? size = null, string? weight = null, string? color = null)
    {
        var block = new JsonObject { ["type"] = "TextBlock", ["text"] = text, ["wrap"] = true };
        if (size is not null) block["size"] = size;
        if (weight is not null) block["weight"] = weight;
        if (color is not null) block["color"] = color;
        return block;
    }

    public static JsonObject Facts(IEnumerable<(string Title, string Value)> facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray([.. facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Title, ["value"] = f.Value })]),
    };

    public static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>The body a Teams incoming webhook (or a Workflows "post to a channel" trigger) expects for one card.</summary>
    public static byte[] Message(JsonObject card) => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject { ["contentType"] = CardContentType, ["content"] = card }),
    });
}
