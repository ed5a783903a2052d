using NetworkGrains.Abstractions;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Grains.Devices.Polling;
using NetworkGrains.Grains.Devices.Traps;
using Orleans.Runtime;

namespace NetworkGrains.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DeviceGrainClusterTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Cluster.GrainFactory;
    private IDeviceCatalogGrain Directory => _grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key);

    private static DeviceRecord Device(string id, string address, string site = "ams", params string[] tags) =>
        new(id, id, address, site, "edge", "acme", "x1", tags, "lab-v3");

    private static Reading[] Minutes(DateTimeOffset start, int count, Func<int, double> octets) =>
        Enumerable.Range(0, count).SelectMany(i => new[]
        {
            new Reading("cpu", null, start.AddMinutes(i), 10 + i, MetricKind.Gauge),
            new Reading("ifHCInOctets", "7", start.AddMinutes(i), octets(i), MetricKind.Counter64),
        }).ToArray();

    [Fact]
    public async Task A_device_ingests_answers_queries_and_keeps_its_windows_across_deactivation()
    {
        var id = $"r-{Guid.NewGuid():N}";
        Assert.Equal(RegisterOutcome.Created, await Directory.Register(Device(id, "10.1.0.1")));
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        var device = _grains.GetGrain<IDeviceGrain>(id);

        var result = await device.Ingest(new TelemetryBatch(Minutes(start, 10, i => i * 6_000d)));
        Assert.Equal(new IngestResult(19, 0, 0, 1), result);
        await device.Flush();

        await DeactivateAll();

        var series = await device.GetSeries();
        var octets = Assert.Single(series, s => s.Metric == "ifHCInOctets");
        Assert.Equal(("7", 9, 100d), (octets.Instance, octets.Count, octets.Mean));
        var raw = await device.GetRaw("cpu", null, start, start.AddMinutes(10));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 10d + i), raw.Select(p => p.Value));
        var rollups = await device.GetRollups("cpu", null, start, start.AddMinutes(4));
        Assert.Equal(5, rollups.Length);
        Assert.Equal(await device.GetRecord(), Device(id, "10.1.0.1"));
    }

    [Fact]
    public async Task State_written_on_deactivation_survives_without_an_explicit_flush()
    {
        var id = $"r-{Guid.NewGuid():N}";
        await Directory.Register(Device(id, "10.1.0.2"));
        var device = _grains.GetGrain<IDeviceGrain>(id);
        await device.Ingest(new TelemetryBatch(Minutes(DateTimeOffset.UtcNow.AddMinutes(-5), 3, i => i)));

        await DeactivateAll();

        Assert.Equal(3, (await device.GetSeries()).Single(s => s.Metric == "cpu").Count);
    }

    [Fact]
    public async Task A_counter_with_only_its_baseline_has_no_statistics_yet()
    {
        var id = $"r-{Guid.NewGuid():N}";
        await Directory.Register(Device(id, "10.1.0.3"));
        var device = _grains.GetGrain<IDeviceGrain>(id);
        await device.Ingest(new TelemetryBatch([new Reading("ifHCInOctets", "1", DateTimeOffset.UtcNow, 1234, MetricKind.Counter64)]));

        var summary = Assert.Single(await device.GetSeries());
        Assert.Equal((0, (double?)null, (double?)null, (DateTimeOffset?)null), (summary.Count, summary.Mean, summary.Max, summary.LastTimestamp));
    }

    [Fact]
    public async Task A_device_that_was_never_registered_refuses_readings()
    {
        var result = await _grains.GetGrain<IDeviceGrain>($"ghost-{Guid.NewGuid():N}")
            .Ingest(new TelemetryBatch(Minutes(DateTimeOffset.UtcNow, 1, _ => 1)));
        Assert.True(result.UnknownDevice);
        Assert.Equal(2, result.Invalid);
    }

    [Fact]
    public async Task The_directory_finds_devices_by_address_pages_and_filters()
    {
        var prefix = $"p{Guid.NewGuid():N}"[..8];
        var site = $"site-{prefix}";
        var refused = await Directory.RegisterMany(Enumerable.Range(0, 25)
            .Select(i => Device($"{prefix}-{i:D2}", $"10.2.{Random.Shared.Next(256)}.{i}", site, i % 2 == 0 ? "even" : "odd"))
            .ToArray());
        Assert.Equal(0, refused);

        var page2 = await Directory.List(new DeviceQuery(Page: 2, Limit: 10, Site: site));
        Assert.Equal(25, page2.Total);
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"{prefix}-{i:D2}"), page2.Items.Select(d => d.Id));
        var even = await Directory.List(new DeviceQuery(Limit: 100, Site: site, Tag: "even"));
        Assert.Equal(13, even.Total);
        var searched = await Directory.List(new DeviceQuery(Limit: 100, Site: site, Search: $"{prefix.ToUpperInvariant()}-1"));
        Assert.Equal(Enumerable.Range(10, 10).Select(i => $"{prefix}-{i:D2}"), searched.Items.Select(d => d.Id)); // any case, part of the id
        var byAddress = await Directory.List(new DeviceQuery(Search: page2.Items[3].ManagementAddress));
        Assert.Contains(page2.Items[3].Id, byAddress.Items.Select(d => d.Id));

        var someone = page2.Items[0];
        Assert.Equal(someone.Id, await Directory.FindByAddress(someone.ManagementAddress));
        Assert.Equal(someone.Id, await Directory.FindByAddress($"::ffff:{someone.ManagementAddress}"));
    }

    [Fact]
    public async Task A_management_address_belongs_to_one_device()
    {
        var address = $"10.3.{Random.Shared.Next(256)}.{Random.Shared.Next(256)}";
        var first = $"a-{Guid.NewGuid():N}";
        await Directory.Register(Device(first, address));

        Assert.Equal(RegisterOutcome.AddressInUse, await Directory.Register(Device($"b-{Guid.NewGuid():N}", address)));
        Assert.Equal(RegisterOutcome.Updated, await Directory.Register(Device(first, address, "lon")));
        Assert.Equal("lon", (await Directory.Get(first))!.Site);
    }

    [Fact]
    public async Task An_unknown_source_is_registered_as_unknown_ip()
    {
        var address = $"192.0.2.{Random.Shared.Next(1, 255)}";
        var id = await Directory.ResolveSource(address);

        Assert.Equal($"unknown-{address}", id);
        Assert.Equal(id, await Directory.ResolveSource(address));
        Assert.NotNull(await _grains.GetGrain<IDeviceGrain>(id!).GetRecord());
        Assert.Null(await Directory.ResolveSource("not-an-ip"));
    }

    private static TrapEvent Trap(DateTimeOffset at, int n) =>
        new(at, "10.1.0.9", "v2c", $"1.3.6.1.4.1.9.0.{n}", TrapKind.Other, "lab", false, [new("1.3.6.1.2.1.1.5.0", "STRING", $"trap {n}")]);

    [Fact]
    public async Task A_device_keeps_its_newest_traps_and_reads_older_ones_back_from_the_trap_log_after_deactivation()
    {
        var id = $"r-{Guid.NewGuid():N}";
        await Directory.Register(Device(id, "10.1.0.9"));
        var device = _grains.GetGrain<IDeviceGrain>(id);
        var log = fixture.Cluster.GetSiloServiceProvider().GetRequiredService<ITrapLog>();
        var start = DateTimeOffset.UtcNow.AddMinutes(-10);
        var first = Enumerable.Range(0, 1_200).Select(i => Trap(start.AddMilliseconds(i), i)).ToArray();
        await device.RecordTraps(first);
        log.TryAppend(id, first);

        var newest = await device.GetTraps(3);
        Assert.Equal(["trap 1199", "trap 1198", "trap 1197"], newest.Select(t => t.VarBinds[0].Value));
        Assert.Equal(Limits.TrapsKept, (await device.GetTraps(5_000)).Length);

        await DeactivateAll();
        var later = new[] { Trap(start.AddMinutes(5), 5_000) };
        await device.RecordTraps(later);
        log.TryAppend(id, later);

        var traps = await device.GetTraps(Limits.TrapsKept);
        Assert.Equal(Limits.TrapsKept, traps.Length);
        Assert.Equal(["trap 5000", "trap 1199", "trap 1198"], traps.Take(3).Select(t => t.VarBinds[0].Value));
        Assert.Equal("trap 201", traps[^1].VarBinds[0].Value);
    }

    private async Task DeactivateAll()
    {
        var management = _grains.GetGrain<IManagementGrain>(0);
        Assert.True(await DeviceActivations(management) > 0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(0, await DeviceActivations(management));
    }

    private static async Task<int> DeviceActivations(IManagementGrain management)
    {
        var stats = await management.GetSimpleGrainStatistics();
        return stats.Where(s => s.GrainType.Contains(nameof(Devices.DeviceGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }
}

[Collection(ClusterCollection.Name)]
public sealed class DevicePollingClusterTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_polled_device_takes_each_poll_into_its_windows_and_keeps_its_profile()
    {
        var device = await fixture.RegisterDeviceAsync("polled");
        string[] sets = [PollingSets.Interfaces];
        var profile = new PollingProfile("v2c", "public", 161, TimeSpan.FromSeconds(1), sets);

        await device.SetPolling(profile);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline && (await device.GetSeries()).All(s => s.Metric != "ifHCInOctets" || s.Count == 0))
            await Task.Delay(200);

        var series = await device.GetSeries();
        Assert.True(series.Single(s => s.Metric == "hrProcessorLoad").Count >= 2, "at least two polls arrived");
        Assert.True(series.Single(s => s.Metric == "ifHCInOctets").Count >= 1, "counters became rates");
        var stored = await device.GetPolling();
        string[] none = [];
        Assert.Equal(profile with { OidSets = none }, stored! with { OidSets = none });
        Assert.Equal(profile.OidSets, stored.OidSets);

        await device.SetPolling(null);
        Assert.Null(await device.GetPolling());
    }

    [Fact]
    public async Task A_device_whose_agent_does_not_answer_still_takes_readings_and_queries_while_its_poll_waits()
    {
        var device = await fixture.RegisterDeviceAsync("silent");
        var agent = ((CannedPoller)fixture.SiloService<IDeviceSnmp>()).Silence((await device.GetRecord())!.ManagementAddress);
        await device.SetPolling(new PollingProfile("v2c", "public", 161, TimeSpan.FromSeconds(1), [PollingSets.Interfaces]));
        await agent.Waiting.WaitAsync(TimeSpan.FromMinutes(1));

        // Were the poll's wait to hold the grain, these calls would queue behind it and fail at the response timeout.
        var pushed = await device.Ingest(new TelemetryBatch([new Reading("flowInFlows", "1", DateTimeOffset.UtcNow, 5, MetricKind.Gauge)]));
        Assert.Equal(1, pushed.Accepted);
        Assert.Contains(await device.GetSeries(), s => s.Metric == "flowInFlows");

        agent.Answer();
        await Poll.UntilAsync(async () => (await device.GetSeries()).Any(s => s.Metric == "hrProcessorLoad"));
    }
}

[Collection(ClusterCollection.Name)]
public sealed class DeviceSnmpSetClusterTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Set_needs_the_polling_credential_and_then_goes_to_the_agent()
    {
        var device = await fixture.RegisterDeviceAsync("settable");
        SnmpSetValue[] adminDown = [new("1.3.6.1.2.1.2.2.1.7.3", 'i', "2")];

        await Assert.ThrowsAsync<ConflictProblem>(() => device.SnmpSet(adminDown));

        await device.SetPolling(new PollingProfile("v2c", "private", 161, TimeSpan.FromHours(1), []));
        Assert.True((await device.SnmpSet(adminDown)).Succeeded);
    }
}
