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
        // Sections that decide which services exist are read now; the others are checked before the silo starts.
        var retention = services.ReadSettings<RetentionOptions>(configuration, RetentionOptions.Section);
        var syslog = services.ReadSettings<SyslogOptions>(configuration, SyslogOptions.Section);
        var flows = services.ReadSettings<FlowOptions>(configuration, FlowOptions.Section);
        var snmp = services.ReadSettings<SnmpOptions>(configuration, SnmpOptions.Section);
        services.AddSettings<DeviceOptions>(configuration, DeviceOptions.Section)
            .PostConfigure(o =>
            {
                o.FlushOnShutdown &= settings.Profile == SiloProfile.Postgres;
                o.WriteStateOnTimer &= settings.Profile == SiloProfile.Postgres;
                o.ReplayOnConflict &= settings.Profile == SiloProfile.Postgres;
            });
        services.AddSettings<InventoryOptions>(configuration, InventoryOptions.Section);
        services.AddDeviceWindows();
        services.AddSingleton(TimeProvider.System);
        services.AddSettings<ModelRegistryOptions>(configuration, ModelRegistryOptions.Section);
        services.AddSettings<InferenceOptions>(configuration, InferenceOptions.Section);
        services.AddSettings<AnomalyOptions>(configuration, AnomalyOptions.Section);
        services.AddSettings<AutomationOptions>(configuration, AutomationOptions.Section);
        services.AddSettings<TeamsOptions>(configuration, TeamsOptions.Section);
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
            PostgresDataKinds.Add(services, retention, syslog.Retention);
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
        services.AddDataLifecycle();

        // After the stores: hosted services stop in reverse order, so the receiver stops before what it feeds.
        AddSnmp(services, snmp);
        AddFlows(services, flows);
        AddSyslog(services, syslog);
    }

    private static void AddSyslog(IServiceCollection services, SyslogOptions syslog)
    {
        services.AddSingleton(sp =>
        {
            var rules = SyslogRuleFiles.Load(sp.GetRequiredService<IOptions<SyslogOptions>>().Value.RulesDirectory,
                sp.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SyslogRuleFiles).FullName!));
            SyslogMetrics.ObserveRuleTimeouts(rules);
            return rules;
        });
        services.AddSingleton(new SyslogRelays(syslog));
        services.AddSingleton<SyslogDevices>();
        services.AddSingleton<SyslogPipeline>();
        if (!syslog.Enabled) return;
        // The pipeline before its listeners: hosted services stop in reverse order, so it drains what they queued.
        services.AddHostedService(sp => sp.GetRequiredService<SyslogPipeline>());
        services.AddSingleton<SyslogListeners>();
        services.AddHostedService(sp => sp.GetRequiredService<SyslogListeners>());
    }

    private static void AddFlows(IServiceCollection services, FlowOptions flows)
    {
        services.AddSingleton<ClusterTemplates>();
        if (flows.CollectorEnabled)
            services.AddHostedService<FlowCollector>();
    }

    private static void AddSnmp(IServiceCollection services, SnmpOptions snmp)
    {
        services.AddSingleton(sp => new SnmpEngine(SnmpEngine.EngineIdFrom(sp.GetRequiredService<IOptions<SnmpOptions>>().Value.EngineId), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new SnmpCredentials(sp.GetRequiredService<IOptions<SnmpOptions>>().Value));
        services.AddHostedService<SnmpCredentialSync>();
        services.AddSingleton<TrapDecoder>();
        services.AddSingleton<DeviceResolver>();
        services.AddSingleton<DeviceGrainReferences>();
        // The poller's socket sends only to configured management addresses: it needs the wildcard address to reach them.
        services.AddSingleton(_ => new SnmpClient(System.Net.IPAddress.IPv6Any));
        services.AddSingleton<SnmpPoller>();
        services.AddSingleton<IDeviceSnmp>(sp => sp.GetRequiredService<SnmpPoller>());
        if (snmp.TrapReceiverEnabled)
            services.AddHostedService<TrapReceiver>();
    }
}
