using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using System.ComponentModel.DataAnnotations;
namespace NetworkGrains.Grains.ChatOps;

/// <summary>Configuration section "Teams": the bot's identity, how inbound calls are authenticated, and who has which role.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";

    /// <summary>The bot's Microsoft app id: the audience of inbound tokens, and the client id of outbound ones.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret for outbound tokens. A secret: never logged or returned.</summary>
    public string? AppPassword { get; set; }

    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    public string Issuer { get; set; } = "https://api.botframework.com";

    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    public string TokenScope { get; set; } = "https://api.botframework.com/.default";

    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Local development only (the Agents Playground sends no token): inbound calls are not authenticated, and the silo says so in its log.</summary>
    public bool DisableAuthentication { get; set; }

    /// <summary>Roles by Teams user: the AAD object id (or the channel user id) to role names.</summary>
    public Dictionary<string, string[]> Users { get; set; } = [];

    /// <summary>The roles of a Teams user who is not listed; "viewer" unless configured (the binder would append to a default).</summary>
    public string[] DefaultRoles { get; set; } = [];

    /// <summary>Subscriptions from configuration: they apply once the bot has been in the conversation (a chat's /subscribe replaces one).</summary>
    public List<ConfiguredSubscription> Subscriptions { get; set; } = [];

    /// <summary>The roles of a Teams user, by AAD object id first, then by channel user id.</summary>
    public string[] RolesOf(string? aadObjectId, string userId) =>
        (aadObjectId is not null && Users.TryGetValue(aadObjectId, out var roles)) || Users.TryGetValue(userId, out roles) ? roles
        : DefaultRoles.Length > 0 ? DefaultRoles : ["viewer"];
}

/// <summary>Teams:Subscriptions:N: a conversation id and its filters (severity low|medium|high|critical, sites, categories in snake_case).</summary>
public sealed class ConfiguredSubscription : IValidatableObject
{
    public string ConversationId { get; set; } = "";

    public string Severity { get; set; } = "high";

    public string[] Sites { get; set; } = [];

    public string[] Categories { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ConversationId.Length == 0) yield return new ValidationResult("required", [nameof(ConversationId)]);
        if (SnakeCaseNames.Parse<AnomalySeverity>(Severity) is null) yield return new ValidationResult("one of low, medium, high, critical", [nameof(Severity)]);
        foreach (var category in Categories.Where(c => SnakeCaseNames.Parse<AnomalyCategory>(c) is null))
            yield return new ValidationResult($"'{category}' is not an anomaly category (snake_case, such as traffic_spike)", [nameof(Categories)]);
    }
}
