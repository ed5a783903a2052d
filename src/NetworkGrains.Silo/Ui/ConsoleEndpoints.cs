using NetworkGrains.Abstractions.Security;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Silo.Api;
using NetworkGrains.Silo.Ui.Security;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Ui;

/// <summary>Sign-in and sign-out (form posts with antiforgery), and the inbox's live feed (server-sent events).</summary>
public static class ConsoleEndpoints
{
    /// <summary>A feed connection ends after this and the browser reconnects: a reconnect checks the session again (a revoked key stops there).</summary>
    private static readonly TimeSpan FeedLifetime = TimeSpan.FromMinutes(5);

    public static void MapConsoleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(ConsoleAuthentication.SignInPost, SignIn).AllowAnonymous().ExcludeFromDescription();
        app.MapPost(ConsoleAuthentication.SignOutPost, async (HttpContext context) =>
        {
            var (form, problem) = await ConsoleForms.ReadAsync(context);
            if (form is null) return Results.Problem(problem!);
            await context.SignOutAsync(ConsoleAuthentication.CookieScheme);
            return ConsoleForms.SeeOther(context, ConsoleAuthentication.SignInPath);
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/ui/anomalies/live", Live).RequirePermission(Permissions.AnomalyRead).ExcludeFromDescription();
    }

    private static async Task<IResult> SignIn(HttpContext context, ConsoleSessions sessions, ConsoleSecurity security)
    {
        var (form, _) = await ConsoleForms.ReadAsync(context);
        var back = ConsoleForms.ReturnUrl(form?.Field("returnUrl"));
        if (!security.Secured) return ConsoleForms.SeeOther(context, back);
        var failed = form is null ? "expired" // no antiforgery token of this browser's: a stale or forged form
            : await sessions.SignInAsync(context, form.Field("credential")) switch
            {
                SignInOutcome.SignedIn => null,
                SignInOutcome.Throttled => "throttled",
                _ => "refused",
            };
        return ConsoleForms.SeeOther(context, failed is null ? back : $"{ConsoleAuthentication.SignInPath}?failed={failed}&returnUrl={Uri.EscapeDataString(back)}");
    }

    /// <summary>text/event-stream: "anomaly" events (the anomaly as the inbox shows it), the newest first, then each new or changed one.</summary>
    private static async Task Live(HttpContext context, AnomalyFeed feed)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.WriteAsync("retry: 2000\n: following\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        lifetime.CancelAfter(FeedLifetime);
        try
        {
            await foreach (var batch in feed.Follow(lifetime.Token))
            {
                foreach (var anomaly in batch)
                    await context.Response.WriteAsync($"event: anomaly\ndata: {JsonSerializer.Serialize(LiveAnomaly.From(anomaly), ApiJson.Options)}\n\n", lifetime.Token);
                await context.Response.Body.FlushAsync(lifetime.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // the browser left, or the connection's time is up: it reconnects
        }
    }
}

/// <summary>An anomaly as the live inbox row shows it.</summary>
public sealed record LiveAnomaly(string Id, string DeviceId, string Series, AnomalyCategory Category, AnomalySeverity Severity, AnomalyStatus Status,
    DateTimeOffset LastSeen, int Count, string? GroupId)
{
    public static LiveAnomaly From(Anomaly a) =>
        new(a.Id, a.DeviceId, ConsoleLinks.Series(a.Metric, a.Instance), a.Category, a.Severity, a.Status, a.LastSeen, a.Count, a.GroupId);
}
