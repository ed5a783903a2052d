namespace NetworkGrains.ML.Detectors;

/// <summary>
/// One CAD OSE context: a left semi-context (facts of the previous step, sensors and neurons) followed by a right one
/// (sensor facts now), with how often both came complete (<see cref="Activations"/>).
/// </summary>
public sealed class CadContext(int leftSemiContext, int rightSemiContext, bool zeroLevel, long leftHash, long rightHash)
{
    public int LeftSemiContext { get; } = leftSemiContext;

    public int RightSemiContext { get; } = rightSemiContext;

    public int Activations { get; set; }

    /// <summary>Made from two whole fact groups (not from a crossing); only those breed new contexts.</summary>
    public bool ZeroLevel { get; set; } = zeroLevel;

    public long LeftHash { get; } = leftHash;

    public long RightHash { get; } = rightHash;
}
