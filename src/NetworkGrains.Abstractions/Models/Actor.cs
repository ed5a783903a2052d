namespace NetworkGrains.Abstractions.Models;

/// <summary>Who does something (a user id, an API key name, or "rule:&lt;name&gt;") and the roles they act with.</summary>
[GenerateSerializer, Immutable, Alias("ng.actor.v1")]
public sealed record Actor([property: Id(0)] string Id, [property: Id(1)] string[] Roles)
{
    public static Actor System { get; } = new("system", ["admin"]);

    public bool HasAnyRole(IEnumerable<string> roles) => roles.Any(r => Roles.Contains(r, StringComparer.Ordinal));
}
