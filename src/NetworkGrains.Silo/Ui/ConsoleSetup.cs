using NetworkGrains.Silo.Ui.Security;
using NetworkGrains.Silo.Ui.Views;

namespace NetworkGrains.Silo.Ui;

/// <summary>Whether the console asks people to sign in (Api:Security on) or is open as the API is.</summary>
public sealed record ConsoleSecurity(bool Secured);

/// <summary>
/// The operator console at /ui: static server-rendered Razor pages (no circuit per tab), form posts for every action,
/// charts drawn by plotly.js (from the Plotly.Blazor package, served here), and the inbox's live feed over server-sent events.
/// </summary>
public static class ConsoleSetup
{
    public static IServiceCollection AddConsole(this IServiceCollection services, bool secured)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "ng.console.antiforgery";
            antiforgery.Cookie.Path = "/ui";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        services.AddSingleton(new ConsoleSecurity(secured));
        services.AddSingleton<ConsoleSessions>();
        services.AddSingleton<AnomalyFeed>();
        services.AddSingleton<FleetView>().AddSingleton<DeviceDetailView>().AddSingleton<AnomalyMoment>();
        services.AddHostedService(sp => sp.GetRequiredService<AnomalyFeed>());
        return services;
    }

    /// <summary>Records console actions, refused ones too: it goes between authentication and authorization.</summary>
    public static IApplicationBuilder UseConsoleAudit(this IApplicationBuilder app) => app.UseMiddleware<ConsoleAudit>();

    public static void MapConsole(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>();
        app.MapConsoleEndpoints();
        app.MapConsoleActions();
    }
}
