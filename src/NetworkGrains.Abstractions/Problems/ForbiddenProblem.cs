namespace NetworkGrains.Abstractions.Problems;

/// <summary>The caller may use the route but not for this: a production deploy without model:deploy:production, an approval by a role the step does not name.</summary>
[GenerateSerializer, Alias("ng.problem.forbidden.v1")]
public sealed class ForbiddenProblem(string detail) : DomainProblem(detail);
