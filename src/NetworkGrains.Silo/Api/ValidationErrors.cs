using NetworkGrains.Abstractions.Problems;

namespace NetworkGrains.Silo.Api;

/// <summary>Field-by-field reasons a request was refused: an <see cref="InvalidInputProblem"/>, rendered as an RFC 9457 validation problem.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;
    public int Count => _errors.Values.Sum(reasons => reasons.Count);

    public void Add(string field, string reason)
    {
        if (!_errors.TryGetValue(field, out var reasons)) _errors[field] = reasons = [];
        reasons.Add(reason);
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public InvalidInputProblem ToProblem() => new(ToDictionary());

    public IResult ToResult() => ApiProblems.ToResult(ToProblem());

    /// <summary>Throws the <see cref="InvalidInputProblem"/> when any reason was added.</summary>
    public void ThrowIfAny()
    {
        if (Any) throw ToProblem();
    }

    public static IResult Single(string field, string reason) => ApiProblems.ToResult(InvalidInputProblem.Single(field, reason));
}
