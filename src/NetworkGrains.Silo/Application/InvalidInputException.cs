using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Application;

/// <summary>A use case refused its input: field by field, as REST answers it (400 validation problem) and the console shows it.</summary>
public sealed class InvalidInputException(ValidationErrors errors) : Exception("the request is not valid")
{
    public ValidationErrors Errors { get; } = errors;

    public static InvalidInputException Single(string field, string reason)
    {
        var errors = new ValidationErrors();
        errors.Add(field, reason);
        return new InvalidInputException(errors);
    }

    /// <summary>Throws when <paramref name="errors"/> holds any.</summary>
    public static void ThrowIfAny(ValidationErrors errors)
    {
        if (errors.Any) throw new InvalidInputException(errors);
    }
}
