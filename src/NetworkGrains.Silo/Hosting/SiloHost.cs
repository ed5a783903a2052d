using NetworkGrains.Abstractions.Security;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using NetworkGrains.Grains;
using NetworkGrains.ML.OnnxModels;
using NetworkGrains.Silo.Api;
using NetworkGrains.Silo.Application;
using NetworkGrains.Silo.ChatOps;
using NetworkGrains.Silo.DataProtection;
using NetworkGrains.Silo.Health;
using NetworkGrains.Silo.Security;
using NetworkGrains.Silo.Ui;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace NetworkGrains.Silo.Hosting;

/// <summary>Builds the web host: Orleans silo, REST API, dashboard, health and metrics.</summary>
public static class SiloHost
{
    public static async Task<WebApplication> BuildAsync(string[] args)
    {
        OnnxTelemetryGuard.EnsureDisabled();
        var builder = WebApplication.CreateBuilder(args);
        var settings = SiloSettings.From(builder.Configuration);
        using var startupLog = LoggerFactory.Create(log => log.AddSimpleConsole());
        var signingKey = ModelSigningKeyFile.Load(builder.Configuration, settings.Profile, startupLog.CreateLogger("NetworkGrains.Silo"));

        builder.Services.AddSerilog(log => ConfigureLogging(log, settings));
        builder.WebHost.UseStaticWebAssets(); // the console's files where a build left them (bin/); a published silo has them in wwwroot
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(settings.Address, settings.HttpPort, listen =>
            {
                if (settings.Tls is { } tls) listen.UseHttps(tls.Certificate); // HTTPS with the cluster certificate when TLS is configured
            });
            // Each endpoint enforces its own, smaller limit with a 413 problem; this is only the ceiling (model artifacts).
            k.Limits.MaxRequestBodySize = RequestBody.LargestLimit;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ClusterUnavailable>();
        builder.Services.ConfigureHttpJsonOptions(o => ApiJson.Configure(o.SerializerOptions));
        SiloServices.Add(builder.Services, settings, builder.Configuration, signingKey);
        builder.Services.AddSettings<ApiActorOptions>(builder.Configuration, ApiActorOptions.Section);
        var security = builder.Services.ReadSettings<ApiSecurityOptions>(builder.Configuration, ApiSecurityOptions.Section);
        var secured = security.Enabled ?? settings.Profile == SiloProfile.Postgres;
        if (secured && settings.Profile != SiloProfile.Postgres)
            throw new InvalidOperationException("Api:Security:Enabled needs the Postgres profile: the API keys are kept in PostgreSQL.");
        builder.Services.AddRateLimiter(limits => ApiRateLimits.Configure(limits, security, byKey: secured));
        builder.Services.AddApiSecurity(security, secured);
        builder.Services.AddUseCases().AddConsole(secured);
        builder.Services.AddOpenApi("v1", ApiDocs.Configure);
        builder.Services.AddSingleton<ResourceStates>();
        builder.Services.AddSingleton<BotAuthenticator>().AddSingleton<ChatCommandRunner>().AddSingleton<CardActions>()
            .AddSingleton<BotActivityHandler>();

        var health = builder.Services.AddHealthChecks().AddCheck<SiloHealthCheck>("silo");
        if (settings.Profile == SiloProfile.Postgres)
        {
            health.AddCheck<PostgresHealthCheck>("postgres");
            if (settings.MigrateOnStart) await MigrateCommand.MigrateAsync(SiloSettings.PostgresConnectionString(builder.Configuration));
        }
        await DataProtectionSetup.AddAsync(builder.Services, builder.Configuration, settings, startupLog.CreateLogger("NetworkGrains.Silo.DataProtection"));

        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(NetworkGrainsMetrics.MeterName, "Microsoft.Orleans", "System.Runtime")
            .AddPrometheusExporter());
        var otlp = TracingSetup.OtlpEndpoint(builder.Configuration);
        if (otlp is not null) TracingSetup.Add(builder.Services, otlp, settings);
        builder.UseOrleans(silo =>
        {
            OrleansSetup.Configure(silo, settings, builder.Configuration);
            if (otlp is not null) silo.AddActivityPropagation(); // only then: with tracing off, grain calls pay no filter
        });

        var app = builder.Build();
        SettingsSections.CheckAtStart(app.Services);
        app.Services.GetRequiredService<BotAuthenticator>(); // says at start if Teams authentication is off
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseConsoleAudit();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.UseMiddleware<RestAudit>();
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").RequirePermission(Permissions.InfrastructureRead);
        if (settings.Dashboard) app.MapOrleansDashboard(routePrefix: "/dashboard").RequirePermission(Permissions.InfrastructureRead);
        var api = app.MapGroup("").WithApiProblems();
        api.MapDeviceEndpoints();
        api.MapForecastEndpoint();
        api.MapSyslogEndpoints();
        api.MapPollingEndpoints();
        api.MapFlowEndpoints();
        api.MapSnmpCredentialEndpoints();
        api.MapModelEndpoints();
        api.MapDatasetEndpoints();
        api.MapPredictionEndpoints();
        api.MapAnomalyEndpoints();
        api.MapAutomationEndpoints();
        api.MapWorkflowEndpoints();
        api.MapBotMessages();
        api.MapChatOpsEndpoints();
        api.MapAuditEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json").RequirePermission(Permissions.DocsRead);
        app.MapConsole();

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NetworkGrains.Silo");
        app.Lifetime.ApplicationStarted.Register(() => AnnounceProfile(logger, settings));
        if (otlp is not null) app.Lifetime.ApplicationStarted.Register(() => logger.LogInformation("Tracing: spans are exported with OTLP http/protobuf to {Collector}", otlp.Authority));
        app.Lifetime.ApplicationStarted.Register(() => _ = AutomationFiles.LoadAsync(app.Configuration, app.Services.GetRequiredService<IGrainFactory>(), logger));
        return app;
    }

    private static void AnnounceProfile(Microsoft.Extensions.Logging.ILogger logger, SiloSettings settings)
    {
        if (settings.Profile == SiloProfile.Default)
            logger.LogWarning("Default profile: grain state, reminders and streams are kept IN MEMORY and are NOT durable. " +
                              "Use the Postgres profile (scripts/run.sh --postgres) to keep state across restarts.");
        else
            logger.LogInformation("Postgres profile: clustering, grain state, reminders and rollups are stored in PostgreSQL " +
                                  "(two connection pools of at most {PoolSize} each unless the connection string bounds them: NetworkGrains:PostgresPoolSize).",
                settings.PostgresPoolSize);
        logger.LogInformation("NetworkGrains silo up: http://{Address}:{HttpPort} (dashboard /dashboard, health /health, metrics /metrics), silo port {SiloPort}, gateway {GatewayPort}",
            settings.BindAddress, settings.HttpPort, settings.SiloPort, settings.GatewayPort);
    }

    private static void ConfigureLogging(LoggerConfiguration log, SiloSettings settings)
    {
        log.MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Orleans", LogEventLevel.Warning)
            .MinimumLevel.Override("Polly", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Filter.ByExcluding(ImpossibleStallFilter.IsImpossible)
            .Enrich.FromLogContext();
        if (string.Equals(settings.LogFormat, "json", StringComparison.OrdinalIgnoreCase))
            log.WriteTo.Console(new CompactJsonFormatter());
        else
            log.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
    }
}
