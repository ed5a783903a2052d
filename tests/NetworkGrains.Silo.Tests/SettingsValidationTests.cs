using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Silo.Hosting;
using NetworkGrains.Silo.Tests.Deploy;

namespace NetworkGrains.Silo.Tests;

/// <summary>Every section the silo reads is checked before it starts: a bad setting is named by its key, with the reason.</summary>
public sealed class SettingsValidationTests
{
    [Fact]
    public void The_shipped_configuration_passes()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Manifests.Root, "config", "appsettings.json")).Build();

        Check(configuration);
    }

    [Theory]
    [InlineData("Devices:FlushInterval", "-00:00:01")]
    [InlineData("Devices:Window", "1.00:00:00")]
    [InlineData("Devices:DetectorThreshold", "0")]
    [InlineData("Inference:SessionsPerVersion", "0")]
    [InlineData("Anomalies:QuietPeriod", "00:00:00")]
    [InlineData("Automation:Review:Timeout", "-01:00:00")]
    [InlineData("Retention:BatchSize", "0")]
    [InlineData("Api:Actor:Id", "")]
    // Sections that decide which services run are refused while the services are registered.
    [InlineData("Flows:NetFlowPort", "70000")]
    [InlineData("Snmp:TrapPort", "0")]
    [InlineData("Syslog:TimeZone", "Mars/Olympus_Mons")]
    [InlineData("Syslog:Retention", "-1.00:00:00")]
    [InlineData("Retention:Traps", "-1.00:00:00")]
    [InlineData("Api:Security:Burst", "0")]
    public void A_value_out_of_its_range_stops_the_start_naming_the_key(string key, string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Check(Configuration((key, value))));

        Assert.StartsWith($"{key}: ", refused.Message);
    }

    [Fact]
    public void A_weak_usm_passphrase_is_named_by_its_key_and_never_shown()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Check(Configuration(
            ("Snmp:Users:0:Name", "ops"), ("Snmp:Users:0:Auth", "Sha256"), ("Snmp:Users:0:AuthPassword", "s3cr#t"),
            ("Snmp:Users:0:Priv", "Aes128"))));

        Assert.Contains("Snmp:Users:0:AuthPassword: at least 8 characters", refused.Message);
        Assert.Contains("Snmp:Users:0:PrivPassword: at least 8 characters", refused.Message);
        Assert.DoesNotContain("s3cr#t", refused.Message);
    }

    [Fact]
    public void A_credential_name_used_twice_and_an_empty_community_are_refused_without_the_community()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Check(Configuration(
            ("Snmp:Communities:0:Name", "lab"), ("Snmp:Communities:0:Community", "very-secret-community"),
            ("Snmp:Communities:1:Name", "lab2"), ("Snmp:Communities:1:Community", ""),
            ("Snmp:Users:0:Name", "lab"))));

        Assert.Contains("Snmp:Communities: the name 'lab' is used twice", refused.Message);
        Assert.Contains("Snmp:Communities:1:Community: ", refused.Message);
        Assert.DoesNotContain("very-secret-community", refused.Message);
    }

    [Fact]
    public void Every_bad_key_of_a_section_is_named_at_once()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => Check(Configuration(
            ("Teams:Subscriptions:0:Severity", "urgent"), ("Teams:Subscriptions:0:Categories:0", "Traffic Spike"),
            ("Devices:MaxSeriesPerDevice", "0"))));

        Assert.Contains("Teams:Subscriptions:0:ConversationId: required", refused.Message);
        Assert.Contains("Teams:Subscriptions:0:Severity: one of low, medium, high, critical", refused.Message);
        Assert.Contains("Teams:Subscriptions:0:Categories: 'Traffic Spike' is not an anomaly category", refused.Message);
        Assert.Contains("Devices:MaxSeriesPerDevice: ", refused.Message);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    /// <summary>What the silo does with its configuration before it starts: register its services, then run the checks.</summary>
    private static void Check(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        SiloServices.Add(services, SiloSettings.From(configuration), configuration);
        services.AddSettings<Api.ApiActorOptions>(configuration, Api.ApiActorOptions.Section);
        services.ReadSettings<Security.ApiSecurityOptions>(configuration, Security.ApiSecurityOptions.Section);
        using var provider = services.BuildServiceProvider();
        SettingsSections.CheckAtStart(provider);
    }
}
