namespace NetworkGrains.Abstractions.Problems;

/// <summary>An artifact that is not a usable model, or that failed its integrity check when loaded.</summary>
[GenerateSerializer, Alias("ng.problem.unusable-artifact.v1")]
public sealed class UnusableArtifactProblem(string detail) : DomainProblem(detail);
