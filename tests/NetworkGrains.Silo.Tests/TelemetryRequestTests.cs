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
    [InlineData("[{\"metric\":\"c\",\"value\":\"12\",\"kind\":\"counter64\"}]", "$[0].value")]
    public void Invalid_readings_are_refused_field_by_field(string json, string field)
    {
        var (ok, _, errors) = Parse(json);
        Assert.False(ok);
        Assert.Contains(field, errors.Keys);
    }

    [Theory]
    [InlineData("counter32", "4294967295", 4294967295d)]
    [InlineData("counter32", "4.294967295E9", 4294967295d)]
    [InlineData("counter32", "0", 0d)]
    [InlineData("counter64", "18446744073709551615", 18446744073709551615d)] // 2^64-1: the double is 2^64
    [InlineData("counter64", "1.8446744073709551615e19", 18446744073709551615d)]
    [InlineData("counter64", "9007199254740993", 9007199254740992d)]         // 2^53+1, rounded to a double
    [InlineData("counter64", "1.2345678901234567E+17", 1.2345678901234567E+17)] // how .NET writes a large double
    [InlineData("counter64", "1E+15", 1e15)]
    [InlineData("counter64", "1000.0", 1000d)]
    [InlineData("gauge", "1e30", 1e30)]
    [InlineData("gauge", "-2.5e-30", -2.5e-30)]
    public void Counters_up_to_their_largest_value_are_read_as_written(string kind, string value, double expected)
    {
        var (ok, readings, errors) = Parse($$"""[{"metric":"c","value":{{value}},"kind":"{{kind}}"}]""");

        Assert.True(ok, string.Join("; ", errors.SelectMany(e => e.Value)));
        Assert.Equal(expected, readings[0].Value);
    }

    [Theory]
    [InlineData("counter32", "4294967296", "a counter32 is a whole number from 0 to 4294967295")]
    [InlineData("counter32", "4294967295.5", "a counter32 is a whole number from 0 to 4294967295")]
    [InlineData("counter32", "-1", "a counter32 is a whole number from 0 to 4294967295")]
    [InlineData("counter64", "18446744073709551616", "a counter64 is a whole number from 0 to 18446744073709551615")] // 2^64: the same double as 2^64-1
    [InlineData("counter64", "1.8446744073709552E+19", "a counter64 is a whole number from 0 to 18446744073709551615")] // 2^64 as .NET writes the double
    [InlineData("counter64", "1e24", "a counter64 is a whole number from 0 to 18446744073709551615")]
    [InlineData("counter64", "1e30", "a counter64 is a whole number from 0 to 18446744073709551615")] // beyond a decimal
    [InlineData("counter64", "99999999999999999999999999999999999999", "a counter64 is a whole number from 0 to 18446744073709551615")]
    [InlineData("counter64", "0.5", "a counter64 is a whole number from 0 to 18446744073709551615")]
    [InlineData("counter64", "-1", "a counter64 is a whole number from 0 to 18446744073709551615")]
    [InlineData("counter64", "1e400", "required: a finite number")]
    [InlineData("gauge", "1e39", "a gauge is at most ±3.4e38 in magnitude")]
    public void Counters_beyond_their_range_or_not_whole_are_refused_naming_the_reading(string kind, string value, string reason)
    {
        var (ok, _, errors) = Parse($$"""[{"metric":"cpu","value":1},{"metric":"c","value":{{value}},"kind":"{{kind}}"}]""");

        Assert.False(ok);
        Assert.Equal(["$[1].value"], errors.Keys);
        Assert.Equal(reason, Assert.Single(errors["$[1].value"]));
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
