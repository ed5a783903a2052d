using NetworkGrains.Abstractions;
using System.Diagnostics.Metrics;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Grains.Devices;
using NetworkGrains.Grains.Devices.Syslog;
using Orleans.Runtime;

namespace NetworkGrains.Grains.Tests;

/// <summary>A device's syslog: its ring and log, its typed events as anomalies, its message rates as series with the detector on them.</summary>
[Collection(ClusterCollection.Name)]
public sealed class SyslogDeviceTests(ClusterFixture fixture)
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddDays(-1).ToUnixTimeSeconds() / 10 * 10);

    private static SyslogEntry Entry(DateTimeOffset at, string message, int severity = 5, SyslogEventKind? kind = null, string? subject = null,
        string? protocol = null, string? facility = "LINEPROTO", string? mnemonic = "UPDOWN") =>
        new(at, at, "10.0.0.1", "r1", null, null, null, 23, severity, facility, mnemonic, message, [], kind, subject, protocol);

    [Fact]
    public async Task A_device_keeps_its_newest_messages_filters_them_and_reads_older_ones_back_after_deactivation()
    {
        var device = await fixture.RegisterDeviceAsync("logs");
        var id = device.GetPrimaryKeyString();
        var log = fixture.SiloService<ISyslogLog>();
        var first = Enumerable.Range(0, 1_200).Select(i => Entry(Start.AddMilliseconds(i), $"message {i}", severity: i % 8)).ToArray();
        await device.RecordSyslog(first);
        log.TryAppend(id, first);

        Assert.Equal(["message 1199", "message 1198"], (await device.GetSyslog(new SyslogQuery(2))).Select(e => e.Message));
        Assert.Equal(Limits.SyslogKept, (await device.GetSyslog(new SyslogQuery(5_000))).Length);
        Assert.Equal(["message 1193", "message 1192", "message 1185"], (await device.GetSyslog(new SyslogQuery(3, MaxSeverity: 1))).Select(e => e.Message));
        Assert.Equal(["message 1111"], (await device.GetSyslog(new SyslogQuery(2, Text: "MESSAGE 1111"))).Select(e => e.Message));

        await fixture.Cluster.GrainFactory.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var later = new[] { Entry(Start.AddMinutes(5), "after") };
        await device.RecordSyslog(later);
        log.TryAppend(id, later);
        var kept = await device.GetSyslog(new SyslogQuery(Limits.SyslogKept));
        Assert.Equal(["after", "message 1199"], kept.Take(2).Select(e => e.Message));
        Assert.Equal(Limits.SyslogKept, kept.Length);
    }

    [Fact]
    public async Task Interface_events_land_on_the_traps_ifIndex_mute_the_traffic_drop_and_the_up_resolves_them()
    {
        var device = await fixture.RegisterDeviceAsync("syslink");
        var id = device.GetPrimaryKeyString();
        // A linkUp trap teaches the device that ifIndex 4 is GigabitEthernet0/4.
        await device.RecordTraps([new TrapEvent(DateTimeOffset.UtcNow, "10.0.0.1", "v2c", "1.3.6.1.6.3.1.1.5.4", TrapKind.LinkUp, "public", false,
            [new TrapVarBind("1.3.6.1.2.1.2.2.1.1.4", "Integer32", "4"), new TrapVarBind("1.3.6.1.2.1.2.2.1.2.4", "OctetString", "GigabitEthernet0/4")])]);
        await device.RecordSyslog([Entry(DateTimeOffset.UtcNow, "Line protocol on Interface GigabitEthernet0/4, changed state to down", kind: SyslogEventKind.InterfaceDown, subject: "GigabitEthernet0/4")]);
        var down = await Poll.ValueAsync(async () => (await List(id)).SingleOrDefault());
        Assert.Equal((AnomalyCategory.LinkDown, "linkDown", "4", "syslog"), (down.Category, down.Metric, down.Instance, down.Detector));

        long inhibited = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Name == "ng_anomalies_inhibited") l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref inhibited, value));
        listener.Start();
        var octets = Enumerable.Range(0, 1600).Select(i => new Reading("ifHCInOctets", "4", Start.AddDays(-1).AddMinutes(i), (i < 1500 ? 1000 : 1) + i % 7, MetricKind.Gauge)).ToArray();
        await device.Ingest(new TelemetryBatch(octets));
        Assert.Contains(await device.GetVerdicts(10), v => v.Metric == "ifHCInOctets");
        await Poll.UntilAsync(() => Interlocked.Read(ref inhibited) > 0);
        Assert.Single(await List(id));

        await device.RecordSyslog([Entry(DateTimeOffset.UtcNow, "Line protocol on Interface GigabitEthernet0/4, changed state to up", kind: SyslogEventKind.InterfaceUp, subject: "GigabitEthernet0/4")]);
        await Poll.ValueAsync(async () => await fixture.Cluster.GrainFactory.GetGrain<IAnomalyGrain>(down.Id).Get() is { Status: AnomalyStatus.Resolved } a ? a : null);
    }

    [Fact]
    public async Task Adjacencies_authentication_configuration_and_environment_events_open_their_anomalies()
    {
        var device = await fixture.RegisterDeviceAsync("sysev");
        var id = device.GetPrimaryKeyString();
        var now = DateTimeOffset.UtcNow;
        await device.RecordSyslog(
        [
            Entry(now, "neighbor 10.0.0.2 Down", kind: SyslogEventKind.AdjacencyDown, subject: "10.0.0.2", protocol: "bgp", facility: "BGP", mnemonic: "ADJCHANGE"),
            Entry(now, "Login failed [user: bob]", severity: 4, kind: SyslogEventKind.AuthenticationFailure, subject: "bob", facility: "SEC_LOGIN", mnemonic: "LOGIN_FAILED"),
            Entry(now, "Configured from console by admin", kind: SyslogEventKind.ConfigChange, subject: "admin", facility: "SYS", mnemonic: "CONFIG_I"),
            Entry(now, "Configured from console by admin", kind: SyslogEventKind.ConfigChange, subject: "admin", facility: "SYS", mnemonic: "CONFIG_I"),
            Entry(now, "Fan 2 had a rotation error", severity: 2, kind: SyslogEventKind.EnvironmentAlarm, facility: "ENVMON", mnemonic: "FAN_FAILED"),
        ]);
        var anomalies = await Poll.ValueAsync(async () => await List(id) is { Length: 4 } a ? a : null);
        var byCategory = anomalies.ToDictionary(a => a.Category);
        Assert.Equal(("bgpAdjacency", "10.0.0.2", AnomalySeverity.High), (byCategory[AnomalyCategory.Routing].Metric, byCategory[AnomalyCategory.Routing].Instance, byCategory[AnomalyCategory.Routing].Severity));
        Assert.Equal(AnomalySeverity.Medium, byCategory[AnomalyCategory.AuthenticationFailure].Severity);
        Assert.Equal(AnomalySeverity.Critical, byCategory[AnomalyCategory.Hardware].Severity);
        Assert.Equal(AnomalySeverity.Low, byCategory[AnomalyCategory.ConfigChange].Severity);
        await Poll.ValueAsync(async () => (await List(id)).SingleOrDefault(a => a.Category == AnomalyCategory.ConfigChange && a.Count == 2));

        await device.RecordSyslog([Entry(now.AddSeconds(30), "neighbor 10.0.0.2 Up", kind: SyslogEventKind.AdjacencyUp, subject: "10.0.0.2", protocol: "bgp", facility: "BGP", mnemonic: "ADJCHANGE")]);
        var routing = fixture.Cluster.GrainFactory.GetGrain<IAnomalyGrain>(byCategory[AnomalyCategory.Routing].Id);
        await Poll.ValueAsync(async () => await routing.Get() is { Status: AnomalyStatus.Resolved } a ? a : null);
    }

    [Fact]
    public async Task Message_rates_are_series_and_a_storm_is_a_log_storm_anomaly()
    {
        var device = await fixture.RegisterDeviceAsync("storm");
        var id = device.GetPrimaryKeyString();
        var random = new Random(11);
        const int intervals = 1_600;
        for (var chunk = 0; chunk < intervals; chunk += 100)
        {
            var entries = new List<SyslogEntry>();
            for (var i = chunk; i < chunk + 100; i++)
            {
                var count = i == intervals - 2 ? 400 : random.Next(0, 3);
                for (var m = 0; m < count; m++) entries.Add(Entry(Start.AddSeconds(i * 10 + m % 10), "Line protocol on Interface Gi0/1, changed state to down"));
                if (i % 50 == 0) entries.Add(Entry(Start.AddSeconds(i * 10), "no mnemonic here", severity: 3, facility: null, mnemonic: null));
            }
            await device.RecordSyslog([.. entries]);
        }
        await device.RecordSyslog([Entry(Start.AddSeconds(intervals * 10), "closes the last interval")]);

        var series = await device.GetSeries();
        var updown = Assert.Single(series, s => s.Metric == SyslogRates.Metric && s.Instance == "LINEPROTO-UPDOWN");
        Assert.Contains(series, s => s.Metric == SyslogRates.Metric && s.Instance == "severity-err");
        Assert.Equal(360, updown.Count); // the window's hour of 10-second intervals
        Assert.Equal(40, updown.Max!.Value, 3);
        var raw = await device.GetRaw(SyslogRates.Metric, "LINEPROTO-UPDOWN", Start, Start.AddSeconds(intervals * 10));
        Assert.Contains(raw, p => p.Value == 0);

        var storm = await Poll.ValueAsync(async () => (await List(id)).SingleOrDefault(a => a.Category == AnomalyCategory.LogStorm && a.Instance == "LINEPROTO-UPDOWN"));
        Assert.Equal(40, storm.Peak, 3);
        Assert.NotEqual(AnomalySeverity.Low, storm.Severity);
    }

    private async Task<Anomaly[]> List(string deviceId) =>
        (await fixture.SiloService<IAnomalyLog>().Query(new AnomalyQuery(null, null, null, deviceId, 1, 50))).Items;
}
