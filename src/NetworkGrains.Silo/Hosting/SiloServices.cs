using NetworkGrains.Abstractions;
using NetworkGrains.Abstractions.Anomalies;
using Microsoft.Extensions.Options;
using Npgsql;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Grains.Audit;
using NetworkGrains.Grains.Automation;
using NetworkGrains.Grains.ChatOps;
using NetworkGrains.Grains.DataLifecycle;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Grains.Devices.Flows;
using NetworkGrains.Grains.Devices.Polling;
using NetworkGrains.Grains.Devices.Traps;
using NetworkGrains.Grains.Inference;
using NetworkGrains.Grains.Models;
using NetworkGrains.Silo.DataLifecycle;
using NetworkGrains.Silo.Flows;
using NetworkGrains.Silo.Persistence;
using NetworkGrains.Silo.Security;
using NetworkGrains.Silo.Snmp;
using NetworkGrains.Silo.Syslog;
using NetworkGrains.Grains.Devices.Syslog;

namespace NetworkGrains.Silo.Hosting;

/// <summary>The services grains and endpoints depend on, chosen by profile. Shared by the silo and `ngctl bench`.</summary>
public static class SiloServices
{
    public static void Add(IServiceCollection services, SiloSettings settings, IConfiguration configuration, ModelSigningKey? signingKey = null)
    {
        services.AddOptions<DeviceOptions>().Bind(configuration.GetSection(DeviceOptions.Section))
            .PostConfigure(o => o.FlushOnShutdown &= settings.Profile == SiloProfile.Postgres);
        services.AddOptions<InventoryOptions>().Bind(configuration.GetSection(InventoryOptions.Section));
        services.AddDeviceWindows();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<ModelRegistryOptions>().Bind(configuration.GetSection(ModelRegistryOptions.Section));
        services.AddOptions<InferenceOptions>().Bind(configuration.GetSection(InferenceOptions.Section));
        services.AddOptions<AnomalyOptions>().Bind(configuration.GetSection(AnomalyOptions.Section));
        services.AddOptions<AutomationOptions>().Bind(configuration.GetSection(AutomationOptions.Section));
        services.AddOptions<TeamsOptions>().Bind(configuration.GetSection(TeamsOptions.Section))
            .Validate(o => o.Subscriptions.All(s => s.ConversationId.Length > 0 && SnakeCaseNames.Parse<AnomalySeverity>(s.Severity) is not null
                                                    && s.Categories.All(c => SnakeCaseNames.Parse<AnomalyCategory>(c) is not null)),
                "Teams:Subscriptions: each needs a ConversationId, a Severity of low, medium, high or critical, and categories such as traffic_spike")
            .ValidateOnStart();
        services.AddSingleton(settings);

        if (settings.Profile == SiloProfile.Postgres)
        {
            services.AddSingleton(_ => NpgsqlDataSource.Create(SiloSettings.PostgresConnectionString(configuration)));
            services.AddSingleton<IRollupSink, PostgresRollupSink>();
            services.AddSingleton<IRollupReader, PostgresRollupReader>();
            services.AddSingleton<PostgresTrapLog>();
            services.AddSingleton<ITrapLog>(sp => sp.GetRequiredService<PostgresTrapLog>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresTrapLog>());
            services.AddSingleton<PostgresSyslogLog>();
            services.AddSingleton<ISyslogLog>(sp => sp.GetRequiredService<PostgresSyslogLog>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresSyslogLog>());
            services.AddSingleton<ITalkerLog, PostgresTalkerLog>();
            services.AddSingleton<IModelArtifactStore, PostgresModelArtifactStore>();
            services.AddSingleton<IDatasetStore, PostgresDatasetStore>();
            services.AddSingleton<IAnomalyLog, PostgresAnomalyLog>();
            services.AddSingleton<IAuditLog, PostgresAuditLog>();
            services.AddSingleton<ApiKeys>();
            PostgresDataKinds.Add(services, configuration);
        }
        else
        {
            services.AddSingleton<IRollupSink, NoRollupSink>();
            services.AddSingleton<IRollupReader, NoRollupReader>();
            services.AddSingleton<ITrapLog, MemoryTrapLog>();
            services.AddSingleton<ISyslogLog, MemorySyslogLog>();
            services.AddSingleton<ITalkerLog, MemoryTalkerLog>();
            services.AddSingleton<IAnomalyLog, MemoryAnomalyLog>();
            services.AddSingleton<IAuditLog, MemoryAuditLog>();
            services.AddSingleton<IDeviceData>(sp => (MemoryTrapLog)sp.GetRequiredService<ITrapLog>());
            services.AddSingleton<IDeviceData>(sp => (MemoryTalkerLog)sp.GetRequiredService<ITalkerLog>());
            services.AddSingleton<IDeviceData>(sp => (MemorySyslogLog)sp.GetRequiredService<ISyslogLog>());
        }

        if (signingKey is not null) services.AddSingleton(signingKey);
        services.AddModelRegistry();
        services.AddAutomation();
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section));
        services.AddDataLifecycle();

        // After the stores: hosted services stop in reverse order, so the receiver stops before what it feeds.
        AddSnmp(services, configuration);
        AddFlows(services, configuration);
        AddSyslog(services, configuration);
    }

    private static void AddSyslog(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyslogOptions>().Bind(configuration.GetSection(SyslogOptions.Section));
        services.AddSingleton(sp =>
        {
            var rules = SyslogRuleFiles.Load(sp.GetRequiredService<IOptions<SyslogOptions>>().Value.RulesDirectory,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SyslogRuleFiles).FullName!));
            SyslogMetrics.ObserveRuleTimeouts(rules);
            return rules;
        });
        services.AddSingleton<SyslogDevices>();
        services.AddSingleton<SyslogPipeline>();
        if (!(configuration.GetSection(SyslogOptions.Section).Get<SyslogOptions>()?.Enabled ?? true)) return;
        // The pipeline before its listeners: hosted services stop in reverse order, so it drains what they queued.
        services.AddHostedService(sp => sp.GetRequiredService<SyslogPipeline>());
        services.AddSingleton<SyslogListeners>();
        services.AddHostedService(sp => sp.GetRequiredService<SyslogListeners>());
    }

    private static void AddFlows(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<FlowOptions>().Bind(configuration.GetSection(FlowOptions.Section));
        services.AddSingleton<ClusterTemplates>();
        if (configuration.GetSection(FlowOptions.Section).Get<FlowOptions>()?.CollectorEnabled ?? true)
            services.AddHostedService<FlowCollector>();
    }

    private static void AddSnmp(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SnmpOptions>().Bind(configuration.GetSection(SnmpOptions.Section));
        services.AddSingleton(sp => new SnmpEngine(SnmpEngine.EngineIdFrom(sp.GetRequiredService<IOptions<SnmpOptions>>().Value.EngineId), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SnmpCredentials(sp.GetRequiredService<IOptions<SnmpOptions>>().Value));
        services.AddHostedService<SnmpCredentialSync>();
        services.AddSingleton<TrapDecoder>();
        services.AddSingleton<DeviceResolver>();
        // The poller's socket sends only to configured management addresses: it needs the wildcard address to reach them.
        services.AddSingleton(_ => new SnmpClient(System.Net.IPAddress.IPv6Any));
        services.AddSingleton<SnmpPoller>();
        services.AddSingleton<IDeviceSnmp>(sp => sp.GetRequiredService<SnmpPoller>());
        if (configuration.GetSection(SnmpOptions.Section).Get<SnmpOptions>()?.TrapReceiverEnabled ?? true)
            services.AddHostedService<TrapReceiver>();
    }
}
