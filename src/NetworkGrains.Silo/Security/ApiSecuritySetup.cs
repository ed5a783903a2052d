using Microsoft.AspNetCore.Authorization;
using NetworkGrains.Silo.Ui.Security;

namespace NetworkGrains.Silo.Security;

/// <summary>
/// Authentication (API keys and JWTs, the console's session cookie under /ui, or everyone as Api:Actor when security is off) and authorization by the
/// permission each endpoint declares. Deny by default: a request whose endpoint declares nothing, or that no
/// endpoint matches, needs a role that grants everything.
/// </summary>
public static class ApiSecuritySetup
{
    public static IServiceCollection AddApiSecurity(this IServiceCollection services, ApiSecurityOptions options, bool secured)
    {
        services.AddAuthentication(ConsoleAuthentication.Scheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, scheme => scheme.Secured = secured)
            .AddConsoleCookie(secured);
        services.AddAuthorization(authorization => authorization.FallbackPolicy = EndpointPermissions.Policy(PermissionRequirement.Unmapped));
        services.AddSingleton<IAuthorizationHandler, PermissionHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ApiAuthorizationResults>();
        services.AddSingleton(new FailedAuthentications(options));
        services.AddSingleton<JwtCallers>();
        return services;
    }
}
