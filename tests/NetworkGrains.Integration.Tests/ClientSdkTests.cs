using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Client;

namespace NetworkGrains.Integration.Tests;

public sealed class ClientSdkTests
{
    [Fact]
    public async Task Another_dotnet_app_lists_devices_and_sends_readings_through_the_sdk()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = $"sdk{Guid.NewGuid():N}"[..16];
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, cluster);
        await silo.Http.PutDeviceAsync("core-1", "10.7.0.1");

        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddNetworkGrainsClient(o =>
        {
            o.ClusterId = o.ServiceId = cluster;
            o.PostgresConnectionString = database.ConnectionString;
        });
        using var app = builder.Build();
        await app.StartAsync();
        var client = app.Services.GetRequiredService<NetworkGrainsClient>();

        var page = await client.ListDevicesAsync();
        Assert.Equal("core-1", Assert.Single(page.Items).Id);
        Assert.Equal(RegisterOutcome.Created, await client.RegisterDeviceAsync(
            new DeviceRecord("core-2", "core-2", "10.7.0.2", "lab", "core", null, null, [], null)));

        var now = DateTimeOffset.UtcNow;
        var result = await client.IngestAsync("core-2", new Reading("cpu", null, now.AddSeconds(-1), 12, MetricKind.Gauge),
            new Reading("cpu", null, now, 14, MetricKind.Gauge));
        Assert.Equal(2, result.Accepted);
        Assert.Equal(13, Assert.Single(await client.GetSeriesAsync("core-2")).Mean);

        // A counter that only has its baseline shows up with empty statistics, over the SDK and over REST.
        await client.IngestAsync("core-2", new Reading("ifHCInOctets", "1", now, 5_000, MetricKind.Counter64));
        Assert.Null((await client.GetSeriesAsync("core-2")).Single(s => s.Metric == "ifHCInOctets").Mean);
        using var series = await silo.Http.GetAsync("/api/v1/devices/core-2/series");
        Assert.Equal(System.Net.HttpStatusCode.OK, series.StatusCode);
        Assert.Contains("\"mean\":null", await series.Content.ReadAsStringAsync());
        Assert.Equal(2, (await client.ListDevicesAsync(new DeviceQuery(Site: "lab"))).Total);
        await app.StopAsync();
    }
}
