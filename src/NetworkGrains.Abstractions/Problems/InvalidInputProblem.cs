namespace NetworkGrains.Abstractions.Problems;

/// <summary>The input was refused, field by field: each field with its reasons.</summary>
[GenerateSerializer, Alias("ng.problem.invalid-input.v1")]
public sealed class InvalidInputProblem(Dictionary<string, string[]> errors)
    : DomainProblem(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    [Id(0)] public Dictionary<string, string[]> Errors { get; } = errors;

    public static InvalidInputProblem Single(string field, string reason) => new(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [reason] });
}
