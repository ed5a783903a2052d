using System.Text;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Tests;

public sealed class DeviceRequestTests
{
    private static (bool Ok, IReadOnlyDictionary<string, string[]> Errors) Parse(string id, string json)
    {
        var ok = DeviceRequest.TryParse(id, Encoding.UTF8.GetBytes(json), out _, out var errors);
        return (ok, errors.ToDictionary());
    }

    [Fact]
    public void A_valid_device_keeps_its_fields_and_deduplicates_tags()
    {
        var ok = DeviceRequest.TryParse("edge-1", Encoding.UTF8.GetBytes("""
            {"name":"Edge 1","managementAddress":"2001:db8::1","site":"ams","role":"edge","vendor":"acme","model":"x1",
             "tags":["core","core","lab"],"snmpCredential":"lab-v3"}
            """), out var record, out _);
        Assert.True(ok);
        Assert.Equal(("Edge 1", "2001:db8::1", "lab-v3"), (record.Name, record.ManagementAddress, record.SnmpCredential));
        Assert.Equal(["core", "lab"], record.Tags);
    }

    [Theory]
    [InlineData("bad id", """{"managementAddress":"10.0.0.1"}""", "id")]
    [InlineData("r1", """{"managementAddress":"10.0.0.300"}""", "managementAddress")]
    [InlineData("r1", """{"name":"r1"}""", "managementAddress")]
    [InlineData("r1", """{"managementAddress":"10.0.0.1","community":"public"}""", "$")]
    [InlineData("r1", """{"managementAddress":"10.0.0.1","tags":[""]}""", "tags[0]")]
    [InlineData("r1", """{"managementAddress":"10.0.0.1","site":"a\u0007b"}""", "site")]
    [InlineData("r1", """{"managementAddress":"10.0.0.1","tags":"core"}""", "$.tags")]
    [InlineData("r1", """not json""", "$")]
    public void Invalid_devices_are_refused_with_the_field(string id, string json, string field)
    {
        var (ok, errors) = Parse(id, json);
        Assert.False(ok);
        Assert.Contains(errors.Keys, k => k.StartsWith(field, StringComparison.Ordinal));
    }
}
