using System.Text;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Tests;

public sealed class TelemetryRequestTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Skew = TimeSpan.FromMinutes(5);

    private static (bool Ok, Reading[] Readings, IReadOnlyDictionary<string, string[]> Errors) Parse(string json)
    {
        var ok = TelemetryRequest.TryParse(Encoding.UTF8.GetBytes(json), Now, Skew, out var readings, out var errors);
        return (ok, readings, errors.ToDictionary());
    }

    [Fact]
    public void Parses_a_valid_array()
    {
        var (ok, readings, _) = Parse("""
            [{"metric":"ifHCInOctets","instance":"3","timestamp":"2026-11-28T11:59:00Z","value":12345,"kind":"counter64"},
             {"metric":"cpu","value":41.5}]
            """);
        Assert.True(ok);
        Assert.Equal(new Reading("ifHCInOctets", "3", Now.AddMinutes(-1), 12345, MetricKind.Counter64), readings[0]);
        Assert.Equal(new Reading("cpu", null, Now, 41.5, MetricKind.Gauge), readings[1]);
    }

    [Theory]
    [InlineData("[{\"metric\":\"cpu\",\"value\":1", "$")]                          // truncated
    [InlineData("{\"metric\":\"cpu\",\"value\":1}", "$")]                          // an object, not an array
    [InlineData("[{\"metric\":\"cpu\",\"value\":NaN}]", "$[0].value")]             // not JSON
    [InlineData("[{\"metric\":\"cpu\",\"value\":\"NaN\"}]", "$[0].value")]         // a string is not a number
    [InlineData("[{\"metric\":\"cpu\",\"value\":\"Infinity\"}]", "$[0].value")]
    [InlineData("[{\"metric\":\"cpu\",\"value\":1,\"kind\":\"counter16\"}]", "$[0].kind")]
    [InlineData("[{\"metric\":\"cpu\",\"value\":1,\"kind\":1}]", "$[0].kind")]   // enums by name only
    [InlineData("[{\"metric\":\"cpu\",\"value\":1,\"colour\":\"red\"}]", "$[0]")] // unknown field
    [InlineData("[{\"metric\":\"cpu\",\"value\":1,\"timestamp\":\"yesterday\"}]", "$[0].timestamp")]
    public void Malformed_json_is_refused_with_the_place_it_went_wrong(string json, string expectedPathPrefix)
    {
        var (ok, _, errors) = Parse(json);
        Assert.False(ok);
        Assert.Contains(errors.Keys, k => k.StartsWith(expectedPathPrefix, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("[{\"metric\":\"cpu\",\"value\":1e400}]", "$[0].value")]
    [InlineData("[{\"metric\":\"cpu\",\"value\":1e300}]", "$[0].value")]
    [InlineData("[{\"metric\":\"cpu\"}]", "$[0].value")]
    [InlineData("[{\"value\":1}]", "$[0].metric")]
    [InlineData("[{\"metric\":\"has space\",\"value\":1}]", "$[0].metric")]
    [InlineData("[{\"metric\":\"cpu\",\"value\":1,\"timestamp\":\"2026-11-28T13:00:00Z\"}]", "$[0].timestamp")]
    [InlineData("[{\"metric\":\"cpu\",\"value\":1,\"timestamp\":\"1970-01-01T00:00:00Z\"}]", "$[0].timestamp")]
    [InlineData("[{\"metric\":\"c\",\"value\":-1,\"kind\":\"counter64\"}]", "$[0].value")]
    [InlineData("[{\"metric\":\"c\",\"value\":4294967296,\"kind\":\"counter32\"}]", "$[0].value")]
    [InlineData("[null]", "$[0]")]
    public void Invalid_readings_are_refused_field_by_field(string json, string field)
    {
        var (ok, _, errors) = Parse(json);
        Assert.False(ok);
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void One_bad_reading_refuses_the_whole_request_and_every_error_is_reported()
    {
        var (ok, readings, errors) = Parse("""[{"metric":"cpu","value":1},{"metric":"cpu"},{"metric":"","value":2}]""");
        Assert.False(ok);
        Assert.Empty(readings);
        Assert.Equal(["$[1].value", "$[2].metric"], errors.Keys.Order());
    }

    [Fact]
    public void Too_many_readings_are_refused()
    {
        var json = "[" + string.Join(",", Enumerable.Repeat("""{"metric":"cpu","value":1}""", TelemetryRequest.MaxReadings + 1)) + "]";
        var (ok, _, errors) = Parse(json);
        Assert.False(ok);
        Assert.Contains("$", errors.Keys);
    }
}
