using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NetworkGrains.Grains.Audit;
using NetworkGrains.Grains.ChatOps;
using NetworkGrains.Abstractions.Security;

namespace NetworkGrains.Grains.Automation;

public static class AutomationServices
{
    /// <summary>
    /// The services of rules, workflows and the Teams bot: the webhook sender (its own HttpClient, 5 s a request),
    /// the action runner, the workflow checks, and the Bot Connector client with its token cache (10 s a request).
    /// </summary>
    public static IServiceCollection AddAutomation(this IServiceCollection services)
    {
        services.TryAddSingleton<IAuditLog, MemoryAuditLog>(); // the silo registers PostgreSQL's first in its Postgres profile
        // The binder appends to a default list: the approvers' default is set here, when none is configured.
        services.PostConfigure<AutomationOptions>(o => o.Review.Approvers = o.Review.Approvers is { Length: > 0 } ? o.Review.Approvers : [RoleNames.NetworkAdmin, RoleNames.IncidentResponder]);
        services.AddSingleton(_ => new WebhookSender(new HttpClient { Timeout = TimeSpan.FromSeconds(5) }))
            .AddSingleton<AuditTrail>()
            .AddSingleton<ActionRunner>()
            .AddSingleton<HumanReview>()
            .AddSingleton<Workflows.WorkflowChecks>();
        var botHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        return services.AddSingleton(sp => new BotTokens(botHttp, sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<TeamsOptions>>(), sp.GetRequiredService<TimeProvider>()))
            .AddSingleton(sp => new BotConnector(botHttp, sp.GetRequiredService<BotTokens>()));
    }
}
