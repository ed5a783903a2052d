using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace NetworkGrains.Integration.Tests;

public sealed class FailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task When_one_of_two_silos_is_killed_its_devices_answer_from_the_other_with_their_state()
    {
        await using var database = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string> { ["Devices__FlushInterval"] = "00:00:01" };
        var cluster = $"fail{Guid.NewGuid():N}"[..16];
        await using var first = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings);
        await using var second = await SiloProcess.StartAsync(database.ConnectionString, cluster, settings);
        await database.WaitForCountAsync(
            $"SELECT count(*) FROM orleans_membership WHERE deployment_id = '{cluster}' AND status = 3", 2, TimeSpan.FromSeconds(30));

        var devices = Enumerable.Range(0, 20).Select(i => $"dev-{i:D2}").ToArray();
        for (var i = 0; i < devices.Length; i++)
        {
            await first.Http.PutDeviceAsync(devices[i], $"10.8.0.{i + 1}");
            await first.Http.PostMinutesAsync(devices[i], 0, 5);
        }
        await database.WaitForCountAsync(
            "SELECT count(DISTINCT device_id) FROM telemetry_rollup", devices.Length, TimeSpan.FromSeconds(30));
        await database.WaitForDeviceStatesAfterRollupsAsync(devices, TimeSpan.FromSeconds(30));

        // Placement decides where devices live: kill the silo that hosts more of them, read through the other.
        var onFirst = await DeviceActivationsAsync(first);
        var onSecond = await DeviceActivationsAsync(second);
        var (victim, survivor) = onFirst >= onSecond ? (first, second) : (second, first);
        output.WriteLine($"device activations before the kill: {Math.Max(onFirst, onSecond)} on the silo killed, {Math.Min(onFirst, onSecond)} on the other");
        Assert.True(onFirst + onSecond > 0, "no device activation was seen: the test would prove nothing");

        await victim.KillAsync();
        var killed = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;
        foreach (var device in devices)
        {
            while (true)
            {
                var call = Stopwatch.StartNew();
                try
                {
                    var cpu = await survivor.Http.GetRawCpuAsync(device);
                    Assert.Equal(new double[] { 0, 1, 2, 3, 4 }, cpu);
                    break;
                }
                catch (Exception ex) when (ex is not Xunit.Sdk.XunitException || killed.Elapsed < TimeSpan.FromSeconds(60))
                {
                    Assert.True(killed.Elapsed < TimeSpan.FromSeconds(60), $"{device} did not answer within 60 s: {ex.Message}\n{survivor.Tail()}");
                    await Task.Delay(200);
                }
                finally
                {
                    slowest = call.Elapsed > slowest ? call.Elapsed : slowest;
                }
            }
        }
        output.WriteLine($"all {devices.Length} devices answered from the surviving silo {killed.Elapsed.TotalSeconds:F1} s after the kill; slowest call {slowest.TotalSeconds:F1} s");
        Assert.True(slowest < TimeSpan.FromSeconds(15), $"a call took {slowest}");
    }

    private static async Task<int> DeviceActivationsAsync(SiloProcess silo)
    {
        var metrics = await silo.Http.GetStringAsync("/metrics");
        var match = Regex.Match(metrics, @"^orleans_catalog_activation_created_total\{[^}]*grain_type=""device""[^}]*\} (\d+)", RegexOptions.Multiline);
        return match.Success ? int.Parse(match.Groups[1].Value) : 0;
    }
}
