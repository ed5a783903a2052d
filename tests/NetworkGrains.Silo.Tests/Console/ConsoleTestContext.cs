using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Silo.Security;
using NetworkGrains.Silo.Ui;

namespace NetworkGrains.Silo.Tests.Console;

/// <summary>A bUnit context for console components: a user with roles, their HTTP request, and an antiforgery token as the server gives one.</summary>
public abstract class ConsoleTestContext : BunitContext
{
    protected ConsoleTestContext()
    {
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
        Services.AddSingleton(new ConsoleSecurity(Secured: true));
        Services.AddSingleton(TimeProvider.System);
        JSInterop.Mode = JSRuntimeMode.Loose; // HeadOutlet's title call: the pages themselves need no script
    }

    protected static ConsoleUser UserWith(params string[] roles) => new(new Actor("key:test", roles), SignedIn: true);

    protected static HttpContext RequestOf(ConsoleUser user, string path = "/ui")
    {
        var context = new DefaultHttpContext { User = ApiPrincipal.From(user.Actor, NetworkGrains.Silo.Ui.Security.ConsoleAuthentication.CookieScheme) };
        context.Request.Path = path;
        return context;
    }

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
