namespace NetworkGrains.Silo.Application;

/// <summary>The use cases every front end calls (REST handlers, the console, Teams commands and card clicks): registered once.</summary>
public static class UseCases
{
    public static IServiceCollection AddUseCases(this IServiceCollection services) => services
        .AddSingleton<AnomalyCommands>()
        .AddSingleton<WorkflowRunCommands>()
        .AddSingleton<SilenceCommands>()
        .AddSingleton<ModelCommands>()
        .AddSingleton<TrainingCommands>()
        .AddSingleton<TrafficForecasts>()
        .AddSingleton<AutomationReads>()
        .AddSingleton<ModelReads>()
        .AddSingleton<TelemetryReads>()
        .AddSingleton<SyslogReads>();
}
