namespace NetworkGrains.Grains.Automation;

/// <summary>Configuration section "Automation" as the actions see it.</summary>
public sealed class AutomationOptions
{
    public const string Section = "Automation";

    /// <summary>Where a teams_notify action without its own URL posts its card: a Teams incoming webhook (Workflows) URL. A secret: never logged.</summary>
    public string? TeamsWebhookUrl { get; set; }
}
