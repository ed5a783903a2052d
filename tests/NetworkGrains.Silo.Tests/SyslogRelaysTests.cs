using System.Net;
using NetworkGrains.Silo.Syslog;

namespace NetworkGrains.Silo.Tests;

public sealed class SyslogRelaysTests
{
    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.1.200.7", true)]
    [InlineData("::ffff:10.1.0.1", true)]
    [InlineData("192.0.2.9", true)]
    [InlineData("127.0.0.2", false)]
    [InlineData("10.2.0.1", false)]
    [InlineData("192.0.2.10", false)]
    public void Only_the_configured_relays_and_the_silos_own_host_may_name_devices_by_hostname(string source, bool trusted)
    {
        var relays = new SyslogRelays(new SyslogOptions { Relays = ["10.1.0.0/16", "192.0.2.9"] });

        Assert.Equal(trusted, relays.Trusts(IPAddress.Parse(source)));
    }

    [Fact]
    public void Without_loopback_as_a_relay_even_the_silos_host_goes_by_address() =>
        Assert.False(new SyslogRelays(new SyslogOptions { LoopbackIsRelay = false }).Trusts(IPAddress.Loopback));

    [Theory]
    [InlineData("10.0.0.0/33")]
    [InlineData("relay.example")]
    [InlineData("")]
    public void A_relay_that_is_no_address_or_network_is_named_at_start(string relay)
    {
        var failures = Hosting.SettingsValidator<SyslogOptions>.Failures(new SyslogOptions { Relays = [relay] }, SyslogOptions.Section);

        Assert.Equal($"Syslog:Relays: '{relay}' is not an address or a network (10.0.0.5, 10.1.0.0/16)", Assert.Single(failures));
    }
}
