using System.ComponentModel.DataAnnotations;
using NetworkGrains.Abstractions.Models;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// Who REST requests act as (configuration "Api:Actor": Id and Roles). Until API authentication lands, every
/// REST caller is this one actor, recorded in model history and approvals; ChatOps and rules carry their own.
/// </summary>
public sealed class ApiActorOptions
{
    public const string Section = "Api:Actor";

    [Required, MinLength(1), MaxLength(128)]
    public string Id { get; set; } = "api";

    /// <summary>Empty unless configured (the binder would append configured roles to a default): then "admin".</summary>
    public string[] Roles { get; set; } = [];

    public Actor ToActor() => new(Id, Roles.Length > 0 ? Roles : ["admin"]);
}
