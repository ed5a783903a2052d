namespace NetworkGrains.Abstractions.Problems;

/// <summary>
/// The thing exists but is not in a state for that: an anomaly already closed, a run not waiting for an approval,
/// a promotion the registry's gates refuse, a name already taken.
/// </summary>
[GenerateSerializer, Alias("ng.problem.conflict.v1")]
public sealed class ConflictProblem(string detail) : DomainProblem(detail);
