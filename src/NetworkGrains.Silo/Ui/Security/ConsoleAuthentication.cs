using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Ui.Security;

/// <summary>
/// Who a request acts as, by request: the console's pages (under /ui) by the session cookie that sign-in gave for an
/// API key or a JWT, and everything else (and a /ui request that carries an API key) by <see cref="ApiKeyAuthenticationHandler"/>,
/// exactly as before. The cookie is HttpOnly, SameSite=Strict, Secure over HTTPS and sent to /ui only; it holds the
/// key's id, never its secret, and every request checks that the key is still valid (a revoked key ends the session).
/// With security off every request is Api:Actor, the console's too.
/// </summary>
public static class ConsoleAuthentication
{
    public const string Scheme = "NetworkGrains";
    public const string CookieScheme = "ConsoleCookie";
    public const string CookieName = "ng.console";
    public const string KeyIdClaim = "ng:key";
    public const string SignInPath = "/ui/sign-in";
    public const string SignInPost = "/ui/session/sign-in";
    public const string SignOutPost = "/ui/session/sign-out";
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(8);

    public static AuthenticationBuilder AddConsoleCookie(this AuthenticationBuilder authentication, bool secured) => authentication
        .AddPolicyScheme(Scheme, "API key, or the console's session cookie under /ui", scheme =>
            scheme.ForwardDefaultSelector = context => secured && UsesCookie(context.Request) ? CookieScheme : ApiKeyAuthenticationHandler.SchemeName)
        .AddCookie(CookieScheme, cookie =>
        {
            cookie.Cookie.Name = CookieName;
            cookie.Cookie.Path = "/ui";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = SessionLifetime;
            cookie.SlidingExpiration = false;
            cookie.LoginPath = SignInPath;
            cookie.ReturnUrlParameter = "returnUrl";
            cookie.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<ConsoleSessions>().ValidateAsync(context);
        });

    /// <summary>A console request (under /ui) that presents no API key of its own.</summary>
    private static bool UsesCookie(HttpRequest request) =>
        request.Path.StartsWithSegments("/ui") && !request.Headers.ContainsKey("X-API-Key") && !request.Headers.ContainsKey("Authorization");
}
