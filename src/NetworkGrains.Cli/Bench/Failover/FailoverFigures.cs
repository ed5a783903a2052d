namespace NetworkGrains.Cli.Bench.Failover;

/// <summary>What `ngctl bench failover` measured, and written as JSON by `--figures FILE`.</summary>
public sealed record FailoverFigures(
    double FirstRecoverySeconds, double AllAnswerSeconds, double SlowestAnswerSeconds, long SlowAnswers, long RetriedCalls, long FailedCalls,
    double RollingRestartSeconds, double RollingSlowestAnswerSeconds, long ReadingsAcknowledged, long ReadingsRefused, long ReadingsLost, long ReadingsLostOutsideWindow,
    long ReadingsInWindow, long InformsSent, long InformsAcknowledged, long InformsLost, int SpikesAcknowledged, int Anomalies,
    int ActionsDelivered, int ActionsLost, int ActionsDoubled, int RepeatedDeliveries, int SpikesWithoutAnomaly)
{
    /// <summary>What the issue asks: every answer within 5 s, nothing lost beyond the window, no action lost or doubled, no call failed.</summary>
    public bool Pass => SlowAnswers == 0 && FailedCalls == 0 && ReadingsLostOutsideWindow == 0 && InformsLost == 0
                        && ActionsLost == 0 && ActionsDoubled == 0 && SpikesWithoutAnomaly == 0;
}
