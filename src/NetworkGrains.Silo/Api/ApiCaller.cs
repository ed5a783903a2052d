using NetworkGrains.Abstractions.Models;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

/// <summary>The actor a REST request acts as (its API key's name and roles, or Api:Actor with security off), bound as an endpoint parameter.</summary>
public sealed record ApiCaller(Actor Actor)
{
    public static ValueTask<ApiCaller?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<ApiCaller?>(new ApiCaller(ApiPrincipal.ToActor(context.User)));
}
