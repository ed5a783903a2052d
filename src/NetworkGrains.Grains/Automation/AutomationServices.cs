using Microsoft.Extensions.DependencyInjection;

namespace NetworkGrains.Grains.Automation;

public static class AutomationServices
{
    /// <summary>The rules' services: the webhook sender (its own HttpClient, 5 s a request).</summary>
    public static IServiceCollection AddAutomation(this IServiceCollection services) =>
        services.AddSingleton(_ => new WebhookSender(new HttpClient { Timeout = TimeSpan.FromSeconds(5) }));
}
