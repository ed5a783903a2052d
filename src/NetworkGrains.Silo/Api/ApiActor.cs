using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// Who REST requests act as (configuration "Api:Actor": Id and Roles). Until API authentication lands, every
/// REST caller is this one actor, recorded in model history and approvals; ChatOps and rules carry their own.
/// </summary>
public sealed class ApiActorOptions
{
    public const string Section = "Api:Actor";

    public string Id { get; set; } = "api";

    public string[] Roles { get; set; } = ["admin"];

    public Actor ToActor() => new(Id, Roles);
}
