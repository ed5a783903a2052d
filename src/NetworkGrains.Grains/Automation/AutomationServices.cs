using Microsoft.Extensions.DependencyInjection;

namespace NetworkGrains.Grains.Automation;

public static class AutomationServices
{
    /// <summary>The services of rules and workflows: the webhook sender (its own HttpClient, 5 s a request) the action runner and the workflow checks.</summary>
    public static IServiceCollection AddAutomation(this IServiceCollection services) =>
        services.AddSingleton(_ => new WebhookSender(new HttpClient { Timeout = TimeSpan.FromSeconds(5) }))
            .AddSingleton<ActionRunner>()
            .AddSingleton<Workflows.WorkflowChecks>();
}
