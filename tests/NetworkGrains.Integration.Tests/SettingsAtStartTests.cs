namespace NetworkGrains.Integration.Tests;

/// <summary>The silo executable refuses to start with a setting it cannot use, and says which key and why (exit code 2).</summary>
public sealed class SettingsAtStartTests
{
    private const string HubKey = "c2VjcmV0LWh1Yi1rZXk=";

    [Fact]
    public async Task An_unknown_provider_stops_the_silo_naming_the_key()
    {
        var (code, output) = await SiloProcess.RunUntilExitAsync(Environment(("Streams__Provider", "Kafka")));

        Assert.Equal(2, code);
        Assert.Contains("Streams:Provider 'Kafka' is not one of Memory, AdoNet, EventHubs", output);
    }

    [Fact]
    public async Task A_missing_event_hubs_setting_stops_the_silo_naming_the_key_not_the_secret()
    {
        var (code, output) = await SiloProcess.RunUntilExitAsync(Environment(
            ("Streams__Provider", "EventHubs"),
            ("Streams__EventHubs__ConnectionString", $"Endpoint=sb://ng-test.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey={HubKey}"),
            ("Streams__EventHubs__EventHubName", "anomalies")));

        Assert.Equal(2, code);
        Assert.Contains("Streams:EventHubs:CheckpointConnectionString is required", output);
        Assert.DoesNotContain(HubKey, output);
    }

    [Fact]
    public async Task A_value_out_of_range_and_a_weak_passphrase_stop_the_silo_naming_both_keys_not_the_secret()
    {
        var (code, output) = await SiloProcess.RunUntilExitAsync(Environment(
            ("Devices__FlushInterval", "-00:00:05"),
            ("Snmp__Users__0__Name", "ops"), ("Snmp__Users__0__Auth", "Sha256"), ("Snmp__Users__0__AuthPassword", "tiny#pw")));

        Assert.Equal(2, code);
        Assert.Contains("Snmp:Users:0:AuthPassword: at least 8 characters", output);
        Assert.DoesNotContain("tiny#pw", output);

        (code, output) = await SiloProcess.RunUntilExitAsync(Environment(("Devices__FlushInterval", "-00:00:05")));
        Assert.Equal(2, code);
        Assert.Contains("Devices:FlushInterval: ", output);
    }

    /// <summary>The default profile (no database) on free ports, plus the settings under test.</summary>
    private static Dictionary<string, string> Environment(params (string Key, string Value)[] settings)
    {
        var environment = new Dictionary<string, string>
        {
            ["ORT_DISABLE_TELEMETRY"] = "1",
            ["NetworkGrains__HttpPort"] = SiloProcess.FreePort().ToString(),
            ["NetworkGrains__SiloPort"] = SiloProcess.FreePort().ToString(),
            ["NetworkGrains__GatewayPort"] = SiloProcess.FreePort().ToString(),
        };
        foreach (var (key, value) in settings) environment[key] = value;
        return environment;
    }
}
