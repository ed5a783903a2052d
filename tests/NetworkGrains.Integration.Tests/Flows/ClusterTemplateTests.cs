using System.Net.Sockets;
using NetworkGrains.Protocols.Flows;

namespace NetworkGrains.Integration.Tests.Flows;

/// <summary>Two silos on one PostgreSQL: an exporter's templates are kept by the cluster, not by the silo that received them.</summary>
public sealed class ClusterTemplateTests
{
    [Fact]
    public async Task An_ipfix_template_sent_to_one_silo_decodes_the_data_sent_to_another()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = $"tmpl{Guid.NewGuid():N}"[..16];
        var settings = new Dictionary<string, string> { ["Flows__AggregationInterval"] = "00:00:01" };
        await using var first = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings);
        await using var second = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings);
        await database.WaitForCountAsync(
            $"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{cluster}' AND status = 3", 2, TimeSpan.FromSeconds(30));
        await first.Http.PutDeviceAsync("edge-exporter", "127.0.0.1");

        var writer = new FlowExportWriter(10, domain: 42);
        using var toFirst = new UdpClient("127.0.0.1", int.Parse(first.Settings["Flows__IpfixPort"]));
        using var toSecond = new UdpClient("127.0.0.1", int.Parse(second.Settings["Flows__IpfixPort"]));
        await toFirst.SendAsync(writer.Template());
        await Poll.UntilAsync(async () => await first.CounterAsync("ng_flow_template_sync", "event", "published") == 1);

        var records = Records(writer.RecordsPerDatagram);
        var exportedAt = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // The second silo has never seen the template: its first data set is counted as a drop while it asks the cluster.
        await toSecond.SendAsync(writer.Data(records, exportedAt, 60_000));
        await Poll.UntilAsync(async () => await second.CounterAsync("ng_flow_template_sync", "event", "imported") == 1);
        Assert.Equal(1, await second.CounterAsync("ng_flow_drops", "reason", "unknown_template"));

        const int datagrams = 5;
        for (var i = 0; i < datagrams; i++) await toSecond.SendAsync(writer.Data(records, exportedAt, 60_000));
        var expected = datagrams * records.Length;
        await Poll.UntilAsync(async () => (await FlowInteropTests.Summary(first)).Flows >= expected);

        Assert.Equal(expected, (await FlowInteropTests.Summary(second)).Flows);
        Assert.Equal(expected, await FlowInteropTests.DecodedRecords(second));
        Assert.Equal(0, await FlowInteropTests.DecodedRecords(first));
        Assert.Equal(1, await second.CounterAsync("ng_flow_drops", "reason", "unknown_template"));
        Assert.Equal(0, await first.CounterAsync("ng_flow_template_sync", "event", "imported"));
    }

    private static FlowRecord[] Records(int count) => [.. Enumerable.Range(0, count).Select(i => new FlowRecord
    {
        Source = FlowAddress.FromIPv4(0x0A000000u + (uint)i),
        Destination = FlowAddress.FromIPv4(0xC0A80001),
        SourcePort = (ushort)(40_000 + i),
        DestinationPort = 443,
        Protocol = 6,
        TcpFlags = 0x18,
        Bytes = 1_000,
        Packets = 10,
        InputInterface = 1,
        OutputInterface = 2,
        StartMilliseconds = DateTimeOffset.UtcNow.AddSeconds(-20).ToUnixTimeMilliseconds(),
        EndMilliseconds = DateTimeOffset.UtcNow.AddSeconds(-10).ToUnixTimeMilliseconds(),
    })];

}
