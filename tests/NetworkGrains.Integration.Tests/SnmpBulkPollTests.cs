using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Windows;
using NetworkGrains.Protocols.Snmp;
using NetworkGrains.Protocols.Snmp.V3;
using NetworkGrains.Silo.Snmp;

namespace NetworkGrains.Integration.Tests;

/// <summary>
/// The poller's multi-column GetBulk walk against net-snmp's snmpd gives the readings that sysUpTime and a walk of
/// each column alone give (metric, instance, kind, the poll's time; counters between a walk before and one after).
/// Interfaces and host resources together make ragged tables: hrProcessorLoad ends before hrStorage does.
/// </summary>
public sealed class SnmpBulkPollTests : SnmpAgentTests
{
    private static readonly string[] Sets = [PollingSets.System, PollingSets.Interfaces, PollingSets.HostResources];
    private static readonly string[] Steady = ["ifOperStatus", "ifHighSpeed", "hrStorageAllocationUnits"];
    private static readonly DateTimeOffset PollTime = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private static readonly SnmpOptions Options = new()
    {
        Communities = [new() { Name = "lab", Community = "public" }],
        Users = [new() { Name = "opsSha", Auth = AuthProtocol.Sha1, AuthPassword = "authpass123", Priv = PrivProtocol.Aes128, PrivPassword = "privpass123" }],
    };

    [Theory]
    [InlineData("v2c", "lab")]
    [InlineData("v3", "opsSha")]
    public async Task A_bulk_poll_reads_what_sysUpTime_and_a_walk_of_each_column_read(string version, string credential)
    {
        var profile = new PollingProfile(version, credential, Agent.Endpoint.Port, TimeSpan.FromSeconds(60), Sets);
        var credentials = new SnmpCredentials(Options);
        var target = version == "v3"
            ? new SnmpTarget(Agent.Endpoint, SnmpVersion.V3, User: credentials.User(credential))
            : Agent.V2c("public");
        var poller = new SnmpPoller(Client, credentials, new ManualClock(PollTime));

        var before = await ReadEachColumnAlone(target);
        var first = await poller.PollAsync("127.0.0.1", profile, CancellationToken.None);   // 25 repetitions
        var second = await poller.PollAsync("127.0.0.1", profile, CancellationToken.None);  // the learnt depth
        var after = await ReadEachColumnAlone(target);

        Assert.Contains(before.Keys, k => k.Metric == "hrStorageSize");
        Assert.Contains(before.Keys, k => k.Metric == "ifHCInOctets" && k.Instance == "1");
        foreach (var poll in new[] { first, second })
        {
            Assert.All(poll, r => Assert.Equal(PollTime, r.Timestamp));
            var polled = poll.ToDictionary(r => (r.Metric, r.Instance, r.Kind));
            Assert.Equal(before.Keys.Order(), polled.Keys.Order());
            Assert.Equal(before.Keys.Select(k => k.Metric).Distinct(), poll.Select(r => r.Metric).Distinct()); // the same order: sysUpTime, then column by column
            foreach (var (key, value) in polled)
            {
                if (Steady.Contains(key.Metric)) Assert.Equal(before[key], value.Value);
                else if (key.Kind != MetricKind.Gauge || key.Metric == DeviceWindows.SysUpTimeMetric)
                    Assert.InRange(value.Value, before[key], after[key]); // counters and sysUpTime only grow
            }
        }
    }

    [Theory]
    [InlineData("v2c")]
    [InlineData("v3")]
    public async Task A_walk_of_one_repetition_a_request_reads_the_same_names_as_one_that_covers_the_tables(string version)
    {
        var target = version == "v3"
            ? new SnmpTarget(Agent.Endpoint, SnmpVersion.V3, User: new SnmpCredentials(Options).User("opsSha"))
            : Agent.V2c("public");
        Oid[] columns = [.. Sets.SelectMany(OidSets.Columns).Select(c => c.Oid)];
        BulkRequest bulk = (n, m, names, ct) => Client.GetBulkAsync(target, n, m, names, ct);

        var narrow = await ColumnWalk.RunAsync(bulk, OidSets.SysUpTimeObject, columns, 1, CancellationToken.None);
        var wide = await ColumnWalk.RunAsync(bulk, OidSets.SysUpTimeObject, columns, 50, CancellationToken.None); // snmpd answers at most 100 variables

        Assert.Equal(OidSets.SysUpTime, narrow.Scalar?.Oid);
        var longest = wide.Columns.Max(c => c.Count);
        Assert.Equal(longest + 1, narrow.RoundTrips); // each request a row, the last one sees every column end
        Assert.InRange(wide.RoundTrips, 1, narrow.RoundTrips - 1);
        for (var i = 0; i < columns.Length; i++)
        {
            var expected = await Client.WalkAsync(target, columns[i]);
            Assert.Equal(expected.Select(c => c.Oid), narrow.Columns[i].Select(c => c.Oid));
            Assert.Equal(expected.Select(c => c.Oid), wide.Columns[i].Select(c => c.Oid));
        }

        // The interfaces alone, asked for one row more than they have (as the poller does once it knows them): one round trip.
        Oid[] interfaces = [.. OidSets.Columns(PollingSets.Interfaces).Select(c => c.Oid)];
        var rows = (await Client.WalkAsync(target, interfaces[0])).Count;
        var one = await ColumnWalk.RunAsync(bulk, OidSets.SysUpTimeObject, interfaces, rows + 1, CancellationToken.None);
        Assert.Equal(1, one.RoundTrips);
        Assert.All(one.Columns, c => Assert.Equal(rows, c.Count));
    }

    /// <summary>The poll as it was before the multi-column walk: a GET of sysUpTime, then a walk of each column alone.</summary>
    private async Task<Dictionary<(string Metric, string? Instance, MetricKind Kind), double>> ReadEachColumnAlone(SnmpTarget target)
    {
        var readings = new Dictionary<(string, string?, MetricKind), double>();
        var upTime = await Client.GetAsync(target, [OidSets.SysUpTime]);
        readings[(DeviceWindows.SysUpTimeMetric, null, MetricKind.Gauge)] = upTime.VarBinds[0].Value.AsDouble;
        foreach (var column in Sets.SelectMany(OidSets.Columns))
        {
            foreach (var cell in await Client.WalkAsync(target, column.Oid))
            {
                if (column.ToReading(cell, PollTime) is { } reading) readings[(reading.Metric, reading.Instance, reading.Kind)] = reading.Value;
            }
        }
        return readings;
    }
}
