using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Security;

public sealed class ApiKeyAuthenticationOptions : AuthenticationSchemeOptions
{
    /// <summary>Off (the default profile): every request is the configured Api:Actor.</summary>
    public bool Secured { get; set; }
}

/// <summary>
/// Who a REST request acts as: the API key in "Authorization: Bearer ngk_..." or "X-API-Key", or a bearer JWT from the
/// configured identity provider. No credential is no identity (the endpoint's policy then answers 401); a wrong one is
/// a failure, counted per source address: beyond <see cref="FailedAuthentications"/>' allowance the address gets 429
/// without its credentials being looked up. What the caller may do is the endpoints' policies' business.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options, ILoggerFactory loggers, UrlEncoder encoder,
    IOptions<ApiActorOptions> anonymous, FailedAuthentications failures, IServiceProvider services)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, loggers, encoder)
{
    public const string SchemeName = "ApiKey";
    private const string ThrottledItem = "ng.auth.throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Options.Secured) return Success(anonymous.Value.ToActor());
        // An endpoint open to anyone (/health, /api/messages) is no reason to look credentials up: it must answer while PostgreSQL is down.
        if (Context.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is not null) return AuthenticateResult.NoResult();
        if (Presented() is not { } presented) return AuthenticateResult.NoResult();

        var address = Context.Connection.RemoteIpAddress;
        if (!failures.MayTry(address))
        {
            Context.Items[ThrottledItem] = true;
            return AuthenticateResult.Fail("too many failed authentications from this address");
        }

        if (await Credentials.VerifyAsync(services, presented, Context.RequestAborted) is { } verified) return Success(verified.Actor);
        failures.Count(address);
        return AuthenticateResult.Fail("the key or token is not valid, expired or was revoked");
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.ContainsKey(ThrottledItem))
        {
            Response.Headers.RetryAfter = failures.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many failed authentications",
                detail: $"more than {failures.Burst} wrong keys or tokens from this address; retry after {failures.RetryAfterSeconds} s").ExecuteAsync(Context);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
            detail: Presented() is null ? "an API key (Authorization: Bearer ngk_...) or a bearer token is required" : "the key or token is not valid, expired or was revoked")
            .ExecuteAsync(Context);
    }

    private string? Presented() =>
        Request.Headers["X-API-Key"].FirstOrDefault()
        ?? (Request.Headers.Authorization.FirstOrDefault() is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim() : null);

    private AuthenticateResult Success(Actor actor) => AuthenticateResult.Success(new AuthenticationTicket(ApiPrincipal.From(actor, SchemeName), SchemeName));
}
