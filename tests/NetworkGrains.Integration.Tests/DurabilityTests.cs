using System.Net;

namespace NetworkGrains.Integration.Tests;

/// <summary>The Postgres profile's guarantee: a crash loses at most the last flush interval; SIGTERM loses nothing.</summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task After_kill_9_devices_and_everything_up_to_the_last_flush_are_back()
    {
        await using var database = await TestDatabase.CreateAsync();
        var flushEverySecond = new Dictionary<string, string> { ["Devices__FlushInterval"] = "00:00:01" };
        var cluster = $"crash{Guid.NewGuid():N}"[..16];

        SiloPorts ports;
        await using (var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster, flushEverySecond))
        {
            ports = silo.Ports;
            await silo.Http.PutDeviceAsync("edge-1", "10.9.0.1");
            await silo.Http.PostMinutesAsync("edge-1", 0, 10);
            // All ten minutes are closed by the wall clock: 10 cpu rollups and 9 octet rates.
            await database.WaitForCountAsync("SELECT count(*) FROM telemetry_rollup WHERE device_id = 'edge-1'", 19, TimeSpan.FromSeconds(20));
            await database.WaitForDeviceStatesAfterRollupsAsync(["edge-1"], TimeSpan.FromSeconds(20));
            var metrics = await silo.Http.GetStringAsync("/metrics");
            Assert.Matches(@"ng_readings_accepted(_total)?\{[^}]*\} 19", metrics);
            await silo.KillAsync();
        }

        await using (var restarted = await SiloProcess.StartAsync(database.ConnectionString, cluster, flushEverySecond, ports))
        {
            using var device = await restarted.Http.GetAsync("/api/v1/devices/edge-1");
            Assert.Equal(HttpStatusCode.OK, device.StatusCode);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => (double)i), await restarted.Http.GetRawCpuAsync("edge-1"));
            var rates = await restarted.Http.GetRollupsAsync("edge-1", "ifHCInOctets", "1");
            Assert.Equal(9, rates.Length);
            Assert.All(rates, r => Assert.Equal(100, r.GetProperty("mean").GetDouble()));

            // The restored counter baseline turns the next reading into a rate at once.
            await restarted.Http.PostMinutesAsync("edge-1", 10, 1);
            Assert.Equal(11, (await restarted.Http.GetRawCpuAsync("edge-1")).Length);
        }
    }

    [Fact]
    public async Task A_sigterm_stop_loses_nothing_even_between_flushes_verdicts_included()
    {
        await using var database = await TestDatabase.CreateAsync();
        var timerNeverFires = new Dictionary<string, string> { ["Devices__FlushInterval"] = "01:00:00" };
        var cluster = $"term{Guid.NewGuid():N}"[..16];
        var start = DateTimeOffset.UtcNow.AddMinutes(-4);

        SiloPorts ports;
        string verdicts;
        await using (var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster, timerNeverFires))
        {
            ports = silo.Ports;
            await silo.Http.PutDeviceAsync("edge-2", "10.9.0.2");
            await silo.Http.PostMinutesAsync("edge-2", 0, 5, start);
            await silo.Http.PutDeviceAsync("edge-3", "10.9.0.3");
            await silo.Http.PostCpuSpikeAsync("edge-3");
            verdicts = await silo.Http.GetStringAsync("/api/v1/devices/edge-3/verdicts?last=100");
            Assert.Contains("\"metric\":\"cpu\"", verdicts);
            await silo.TerminateAsync(TimeSpan.FromSeconds(60));
            Assert.True(silo.ExitCode == 0, $"exit code {silo.ExitCode}\n{silo.Tail()}");
        }

        // Every minute was written on the way down, the open one included.
        Assert.Equal(5, await database.ScalarAsync<long>("SELECT count(*) FROM telemetry_rollup WHERE device_id = 'edge-2' AND metric = 'cpu'"));

        await using var restarted = await SiloProcess.StartAsync(database.ConnectionString, cluster, timerNeverFires, ports);
        Assert.Equal(new double[] { 0, 1, 2, 3, 4 }, await restarted.Http.GetRawCpuAsync("edge-2", start));
        // The detector's verdicts went down with the device's state.
        Assert.Equal(verdicts, await restarted.Http.GetStringAsync("/api/v1/devices/edge-3/verdicts?last=100"));
    }
}
