using Microsoft.Extensions.Options;
using Npgsql;
using NetworkGrains.Grains.DataLifecycle;
using NetworkGrains.Silo.Syslog;

namespace NetworkGrains.Silo.DataLifecycle;

/// <summary>
/// The Postgres profile's kinds of data, each one registration: its table, device column, time column and policy.
/// A new kind of device data adds one line to <see cref="Tables"/>.
/// </summary>
public static class PostgresDataKinds
{
    public static void Add(IServiceCollection services, IConfiguration configuration)
    {
        foreach (var table in Tables(configuration))
        {
            services.AddSingleton<IDeviceData>(sp => table.Create(sp.GetRequiredService<NpgsqlDataSource>()));
            services.AddSingleton<IRetainedData>(sp => table.Create(sp.GetRequiredService<NpgsqlDataSource>()));
        }
        services.AddSingleton<IRetainedData>(sp => new AuditData(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IOptions<RetentionOptions>>().Value.Audit));
    }

    private static Table[] Tables(IConfiguration configuration)
    {
        var retention = configuration.GetSection(RetentionOptions.Section).Get<RetentionOptions>() ?? new RetentionOptions();
        return
        [
            new("rollups", "telemetry_rollup", "device_id", "minute", retention.Rollups),
            new("traps", "snmp_trap", "device_id", "received_at", retention.Traps),
            new("flow_talkers", "flow_top", "device_id", "minute", retention.FlowTalkers),
            new("syslog", "syslog_message", "device_id", "received_at", configuration.GetSection(SyslogOptions.Section).Get<SyslogOptions>()?.Retention ?? new SyslogOptions().Retention),
        ];
    }

    private sealed record Table(string Kind, string Name, string DeviceColumn, string TimeColumn, TimeSpan Policy)
    {
        public TableData Create(NpgsqlDataSource dataSource) => new(dataSource, Kind, Name, DeviceColumn, TimeColumn, Policy);
    }
}
