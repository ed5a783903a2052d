using System.Net;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Polling;
using NetworkGrains.Grains.Devices.Windows;
using NetworkGrains.Protocols.Snmp;

namespace NetworkGrains.Silo.Snmp;

/// <summary>
/// Polls devices for their grains: sysUpTime and every column of the chosen sets, all stamped with the poll's time.
/// v2c and v3 read them in one multi-column GetBulk walk (<see cref="ColumnWalk"/>), sized by <see cref="TableDepths"/>
/// to finish in one round trip; v1, which has no GetBulk, gets sysUpTime and then walks each column with GetNext.
/// At most <see cref="MaxConcurrentPolls"/> polls run at once in a silo.
/// </summary>
public sealed class SnmpPoller(SnmpClient client, SnmpCredentials credentials, TimeProvider clock) : IDeviceSnmp
{
    public const int MaxConcurrentPolls = 256;
    private readonly SemaphoreSlim _slots = new(MaxConcurrentPolls);
    private readonly TableDepths _depths = new();

    public async Task<Reading[]> PollAsync(string managementAddress, PollingProfile profile, CancellationToken cancellationToken)
    {
        var target = Target(managementAddress, profile);
        var columns = profile.OidSets.SelectMany(OidSets.Columns).ToArray();
        await _slots.WaitAsync(cancellationToken);
        try
        {
            var at = clock.GetUtcNow();
            var readings = new List<Reading>();
            if (target.Version == SnmpVersion.V1)
            {
                var upTime = await client.GetAsync(target, [OidSets.SysUpTime], cancellationToken);
                if (upTime.ErrorStatus == 0) AddUpTime(readings, upTime.VarBinds[0], at);
                foreach (var column in columns) AddCells(readings, column, await client.WalkAsync(target, column.Oid, cancellationToken: cancellationToken), at);
                return readings.ToArray();
            }

            var names = Array.ConvertAll(columns, c => c.Oid);
            var walk = await ColumnWalk.RunAsync((n, m, oids, ct) => client.GetBulkAsync(target, n, m, oids, ct),
                OidSets.SysUpTimeObject, names, _depths.Repetitions(target.Endpoint, names), cancellationToken);
            _depths.Learn(target.Endpoint, walk);
            if (walk.Scalar is { } up) AddUpTime(readings, up, at);
            for (var i = 0; i < columns.Length; i++) AddCells(readings, columns[i], walk.Columns[i], at);
            return readings.ToArray();
        }
        finally
        {
            _slots.Release();
        }
    }

    private static void AddUpTime(List<Reading> readings, VarBind upTime, DateTimeOffset at)
    {
        if (upTime.Oid.Equals(OidSets.SysUpTime) && OidSets.ToReading(DeviceWindows.SysUpTimeMetric, null, upTime.Value, MetricKind.Gauge, at) is { } reading)
            readings.Add(reading);
    }

    private static void AddCells(List<Reading> readings, PolledColumn column, List<VarBind> cells, DateTimeOffset at)
    {
        foreach (var cell in cells)
        {
            if (column.ToReading(cell, at) is { } reading) readings.Add(reading);
        }
    }

    public async Task<string[]> GetAsync(string managementAddress, PollingProfile profile, string[] oids, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync(Target(managementAddress, profile), oids.Select(Oid.Parse), cancellationToken);
        if (response.ErrorStatus != 0) throw new InvalidOperationException($"GET failed: error status {response.ErrorStatus} at {response.ErrorIndex}");
        return [.. response.VarBinds.Select(v => Text(v.Value))];
    }

    /// <summary>A value as a workflow check compares it: numbers in decimal, strings as text, anything else as snmpget shows it.</summary>
    public static string Text(SnmpValue value) => value switch
    {
        { IsNumeric: true, Tag: BerTag.Integer } => value.AsInt64.ToString(System.Globalization.CultureInfo.InvariantCulture),
        { IsNumeric: true } => value.AsUInt64.ToString(System.Globalization.CultureInfo.InvariantCulture),
        { Tag: BerTag.OctetString } => System.Text.Encoding.UTF8.GetString(value.AsBytes),
        _ => value.ToString(),
    };

    public async Task<SnmpSetResult> SetAsync(string managementAddress, PollingProfile profile, SnmpSetValue[] values, CancellationToken cancellationToken)
    {
        var varBinds = values.Select(SnmpSetValues.ToVarBind).ToArray();
        var response = await client.SetAsync(Target(managementAddress, profile), varBinds, cancellationToken);
        return new SnmpSetResult(response.ErrorStatus, response.ErrorIndex);
    }

    /// <summary>Whether a profile names a credential this silo has, for its version.</summary>
    public bool HasCredential(PollingProfile profile) => profile.Version == "v3"
        ? credentials.User(profile.Credential) is not null
        : credentials.CommunityNamed(profile.Credential) is not null;

    private SnmpTarget Target(string managementAddress, PollingProfile profile)
    {
        var endpoint = new IPEndPoint(IPAddress.Parse(managementAddress), profile.Port);
        return profile.Version switch
        {
            "v3" => new SnmpTarget(endpoint, SnmpVersion.V3, User: credentials.User(profile.Credential)
                ?? throw new InvalidOperationException($"no SNMP user named '{profile.Credential}' is configured")),
            _ => new SnmpTarget(endpoint, profile.Version == "v1" ? SnmpVersion.V1 : SnmpVersion.V2c,
                Community: credentials.CommunityNamed(profile.Credential)
                    ?? throw new InvalidOperationException($"no SNMP community named '{profile.Credential}' is configured")),
        };
    }
}
