using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Client;

namespace NetworkGrains.Cli;

/// <summary>`ngctl devices list`: the inventory through the client SDK, as any other .NET app would read it.</summary>
public static class DevicesCommand
{
    public static async Task<int> ListAsync(CommandLine options)
    {
        var query = new DeviceQuery(options.Int("page", 1), options.Int("limit", 50), options.Text("site"), options.Text("role"), options.Text("tag"));
        var postgres = options.Text("postgres");
        var gatewayPort = options.Int("gateway-port", 30000);
        var cluster = options.Text("cluster") ?? "networkgrains";
        options.EnsureAllRead();

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddNetworkGrainsClient(o =>
        {
            (o.ClusterId, o.ServiceId, o.GatewayPort, o.PostgresConnectionString) = (cluster, cluster, gatewayPort, postgres);
        });
        using var host = builder.Build();
        await host.StartAsync();
        var page = await host.Services.GetRequiredService<NetworkGrainsClient>().ListDevicesAsync(query);

        Console.WriteLine($"{"ID",-24} {"ADDRESS",-16} {"SITE",-10} {"ROLE",-10} TAGS");
        foreach (var d in page.Items)
            Console.WriteLine($"{d.Id,-24} {d.ManagementAddress,-16} {d.Site,-10} {d.Role,-10} {string.Join(",", d.Tags)}");
        Console.WriteLine($"page {page.Page} of {Math.Max(1, (page.Total + page.Limit - 1) / page.Limit)}, {page.Total} devices");
        await host.StopAsync();
        return 0;
    }
}
