namespace NetworkGrains.Grains.Automation;

/// <summary>Configuration section "Automation" as the actions see it.</summary>
public sealed class AutomationOptions
{
    public const string Section = "Automation";

    /// <summary>Where a teams_notify action without its own URL posts its card: a Teams incoming webhook (Workflows) URL. A secret: never logged.</summary>
    public string? TeamsWebhookUrl { get; set; }

    /// <summary>A rule action that changes a device runs by itself only on anomalies at least this confident; below, a person approves it first.</summary>
    public double AutoActionConfidence { get; set; } = 0.95;

    public ReviewOptions Review { get; set; } = new();
}

/// <summary>Automation:Review: who approves a held action, how long the request waits, and how long the action may take once approved.</summary>
public sealed class ReviewOptions
{
    public string[] Approvers { get; set; } = [];

    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(4);

    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
