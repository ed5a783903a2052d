namespace NetworkGrains.Abstractions.Problems;

/// <summary>
/// A use case or grain could not do what was asked, for a reason the caller can act on. Each sealed kind is one
/// problem: REST answers it as problem+json (one type, title and status per kind, mapped in the silo), the console
/// shows it, ChatOps replies with its message. It crosses the grain boundary; any other exception is a fault (500).
/// </summary>
[GenerateSerializer, Alias("ng.problem.v1")]
public abstract class DomainProblem : Exception
{
    protected DomainProblem(string detail) : base(detail)
    {
    }
}
