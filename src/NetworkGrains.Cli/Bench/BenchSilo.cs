using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NetworkGrains.Grains.Models;
using NetworkGrains.Silo.DataProtection;
using NetworkGrains.Silo.Hosting;

namespace NetworkGrains.Cli.Bench;

/// <summary>A silo in this process, wired exactly as its profile wires it (the default one unless configured), on free loopback ports.</summary>
public static class BenchSilo
{
    public static async Task<IHost> StartAsync(IDictionary<string, string?> overrides)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A bench stops its silo with load still in flight: placement retries then are expected, not news. Orleans'
        // watchdog warns once at start with the machine's uptime as its "delay".
        builder.Logging.AddFilter("Polly", LogLevel.Error);
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["NetworkGrains:SiloPort"] = FreePort().ToString(),
            ["NetworkGrains:GatewayPort"] = FreePort().ToString(),
            ["Snmp:TrapPort"] = FreeUdpPort().ToString(),
            ["Flows:NetFlowPort"] = FreeUdpPort().ToString(),
            ["Flows:IpfixPort"] = FreeUdpPort().ToString(),
            ["Syslog:UdpPort"] = FreeUdpPort().ToString(),
            ["Syslog:TcpPort"] = FreePort().ToString(),
        });
        builder.Configuration.AddInMemoryCollection(overrides);
        var settings = SiloSettings.From(builder.Configuration);
        ModelSigningKey? signingKey = null;
        if (settings.Profile == SiloProfile.Postgres) // NetworkGrains__Profile=Postgres and ConnectionStrings__Postgres: measure on PostgreSQL state
        {
            UseThrowawayKeyFiles(builder.Configuration);
            await MigrateCommand.MigrateAsync(SiloSettings.PostgresConnectionString(builder.Configuration));
            signingKey = ModelSigningKeyFile.Load(builder.Configuration, settings.Profile, NullLogger.Instance);
        }

        await DataProtectionSetup.AddAsync(builder.Services, builder.Configuration, settings, NullLogger.Instance);
        SiloServices.Add(builder.Services, settings, builder.Configuration, signingKey);
        builder.UseOrleans(silo => OrleansSetup.Configure(silo, settings, builder.Configuration));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>
    /// The Postgres profile asks for key files that outlive a restart; a bench silo's state is thrown away, so unless
    /// they are configured it uses bench keys of its own in the temporary directory (made by the first bench that needs them).
    /// </summary>
    private static void UseThrowawayKeyFiles(ConfigurationManager configuration)
    {
        var keys = Path.Combine(Path.GetTempPath(), "ng-bench-keys");
        if (string.IsNullOrWhiteSpace(configuration[ModelSigningKeyFile.Setting])) configuration[ModelSigningKeyFile.Setting] = Path.Combine(keys, "model-signing.pem");
        if (string.IsNullOrWhiteSpace(configuration[$"{KeyRingFile.Section}:KeyFile"]) && !configuration.GetSection($"{KeyRingFile.Section}:Keys").GetChildren().Any())
            configuration[$"{KeyRingFile.Section}:KeyFile"] = Path.Combine(keys, "data-protection.keys");
    }

    /// <summary>A port or other integer the silo was configured with (the free ports chosen above, or an override).</summary>
    public static int Setting(IHost host, string key) => host.Services.GetRequiredService<IConfiguration>().GetValue<int>(key);

    public static int FreeTcpPort() => FreePort();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
