namespace NetworkGrains.Silo.Api;

/// <summary>Field-by-field reasons a request was refused, rendered as an RFC 9457 validation problem.</summary>
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

    public IReadOnlyDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    public IResult ToResult() => Results.ValidationProblem(ToDictionary(), title: "The request is not valid");

    public static IResult Single(string field, string reason)
    {
        var errors = new ValidationErrors();
        errors.Add(field, reason);
        return errors.ToResult();
    }
}
