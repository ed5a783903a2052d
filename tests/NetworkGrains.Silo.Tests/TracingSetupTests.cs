using NetworkGrains.Silo.Hosting;
using NetworkGrains.Silo.Tests.Streaming;

namespace NetworkGrains.Silo.Tests;

public sealed class TracingSetupTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Tracing_is_off_without_an_endpoint(string? value) =>
        Assert.Null(TracingSetup.OtlpEndpoint(value is null ? StreamSettingsTests.Config() : StreamSettingsTests.Config((TracingSetup.EndpointKey, value))));

    [Theory]
    [InlineData("http://collector:4318", "http://collector:4318/v1/traces")]
    [InlineData("http://collector:4318/", "http://collector:4318/v1/traces")]
    [InlineData("https://otel.example/tenant-a", "https://otel.example/tenant-a/v1/traces")]
    [InlineData("http://127.0.0.1:4318/v1/traces", "http://127.0.0.1:4318/v1/traces")]
    public void Spans_go_to_the_collectors_traces_path(string value, string expected) =>
        Assert.Equal(new Uri(expected), TracingSetup.OtlpEndpoint(StreamSettingsTests.Config((TracingSetup.EndpointKey, value))));

    [Theory]
    [InlineData("collector:4318")]
    [InlineData("ftp://collector/secret-token")]
    [InlineData("/v1/traces")]
    public void An_endpoint_that_is_no_http_url_stops_the_silo_naming_the_key_not_the_value(string value)
    {
        var refused = Assert.Throws<InvalidOperationException>(() => TracingSetup.OtlpEndpoint(StreamSettingsTests.Config((TracingSetup.EndpointKey, value))));
        Assert.Contains(TracingSetup.EndpointKey, refused.Message);
        Assert.DoesNotContain(value, refused.Message);
    }
}
