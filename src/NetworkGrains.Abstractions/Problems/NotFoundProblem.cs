namespace NetworkGrains.Abstractions.Problems;

/// <summary>The thing named does not exist (a model, a version, an anomaly, a workflow run, ...).</summary>
[GenerateSerializer, Alias("ng.problem.not-found.v1")]
public sealed class NotFoundProblem(string detail) : DomainProblem(detail);
