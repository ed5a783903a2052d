namespace NetworkGrains.Abstractions;

/// <summary>
/// How much of each kind of history the grains keep, which is also the most a caller may ask for: one number each,
/// read by the grains that keep the history and by the API, the console and the SDK that ask for it.
/// </summary>
public static class Limits
{
    /// <summary>Traps a device keeps in memory (all of them are in snmp_trap in the Postgres profile).</summary>
    public const int TrapsKept = 1_000;

    /// <summary>Syslog messages a device keeps in memory (all of them are in syslog_message in the Postgres profile).</summary>
    public const int SyslogKept = 1_000;

    /// <summary>Detector verdicts a device keeps.</summary>
    public const int VerdictsKept = 100;

    /// <summary>Evaluations a rule keeps in its history.</summary>
    public const int RuleHistoryKept = 200;

    /// <summary>Runs a workflow keeps by id.</summary>
    public const int WorkflowRunsKept = 200;

    /// <summary>Held actions awaiting or past review that automation keeps.</summary>
    public const int ReviewsKept = 200;

    /// <summary>Top talkers a device keeps for each minute, by bytes and by packets.</summary>
    public const int TalkersKept = 50;
}
