using System.ComponentModel.DataAnnotations;
namespace NetworkGrains.Grains.Automation;

/// <summary>Configuration section "Automation" as the actions see it.</summary>
public sealed class AutomationOptions
{
    public const string Section = "Automation";

    /// <summary>Where a teams_notify action without its own URL posts its card: a Teams incoming webhook (Workflows) URL. A secret: never logged.</summary>
    public string? TeamsWebhookUrl { get; set; }

    /// <summary>A rule action that changes a device runs by itself only on anomalies at least this confident; below, a person approves it first.</summary>
    [Range(0.0, double.MaxValue)] // above 1: never by itself
    public double AutoActionConfidence { get; set; } = 0.95;

    public ReviewOptions Review { get; set; } = new();
}

/// <summary>Automation:Review: who approves a held action, how long the request waits, and how long the action may take once approved.</summary>
public sealed class ReviewOptions
{
    public string[] Approvers { get; set; } = [];

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(4);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ActionTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
