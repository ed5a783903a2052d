namespace NetworkGrains.Abstractions.Problems;

/// <summary>
/// A stored definition breaks the rules its input was checked against (a workflow without steps, a step name the
/// definition does not hold): the server's state is wrong, not the caller's request.
/// </summary>
[GenerateSerializer, Alias("ng.problem.corrupt-definition.v1")]
public sealed class CorruptDefinitionProblem(string detail) : DomainProblem(detail);
