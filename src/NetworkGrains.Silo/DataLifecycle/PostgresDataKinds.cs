using Npgsql;
using NetworkGrains.Grains.DataLifecycle;

namespace NetworkGrains.Silo.DataLifecycle;

/// <summary>
/// The Postgres profile's kinds of data, each one registration: its table, device column, time column and policy.
/// A new kind of device data adds one line to <see cref="Tables"/>.
/// </summary>
public static class PostgresDataKinds
{
    public static void Add(IServiceCollection services, RetentionOptions retention, TimeSpan syslogRetention)
    {
        foreach (var table in Tables(retention, syslogRetention))
        {
            services.AddSingleton<IDeviceData>(sp => table.Create(sp.GetRequiredService<NpgsqlDataSource>()));
            services.AddSingleton<IRetainedData>(sp => table.Create(sp.GetRequiredService<NpgsqlDataSource>()));
        }
        services.AddSingleton<IRetainedData>(sp => new AuditData(sp.GetRequiredService<NpgsqlDataSource>(), retention.Audit));
    }

    private static Table[] Tables(RetentionOptions retention, TimeSpan syslogRetention) =>
        [
            new("rollups", "telemetry_rollup", "device_id", "minute", retention.Rollups),
            new("traps", "snmp_trap", "device_id", "received_at", retention.Traps),
            new("flow_talkers", "flow_top", "device_id", "minute", retention.FlowTalkers),
            new("syslog", "syslog_message", "device_id", "received_at", syslogRetention),
        ];

    private sealed record Table(string Kind, string Name, string DeviceColumn, string TimeColumn, TimeSpan Policy)
    {
        public TableData Create(NpgsqlDataSource dataSource) => new(dataSource, Kind, Name, DeviceColumn, TimeColumn, Policy);
    }
}
