namespace NetworkGrains.Grains.Automation;

/// <summary>How one action went: whether it did what it was for, after how many attempts, and what happened.</summary>
public sealed record ActionOutcome(bool Succeeded, int Attempts, string Detail);
