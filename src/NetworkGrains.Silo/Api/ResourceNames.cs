using System.Text.RegularExpressions;

namespace NetworkGrains.Silo.Api;

/// <summary>Names the API lets people choose (credentials, models, datasets): 1-64 letters, digits, '.', '_' or '-'.</summary>
public static partial class ResourceNames
{
    public const string Rule = "1-64 letters, digits, '.', '_' or '-'";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex Pattern();
}
