using NetworkGrains.Silo.Ui;

namespace NetworkGrains.Silo.Tests.Console;

public sealed class ConsoleFormsTests
{
    [Theory]
    [InlineData("/ui/anomalies?severity=high", "/ui/anomalies?severity=high")]
    [InlineData("/ui", "/ui")]
    [InlineData("/ui/devices/r1", "/ui/devices/r1")]
    [InlineData("//evil.example/ui", "/ui")]
    [InlineData("https://evil.example/ui/x", "/ui")]
    [InlineData("/ui//evil.example", "/ui")]
    [InlineData("/ui/\\evil.example", "/ui")]
    [InlineData("/api/v1/devices", "/ui")]
    [InlineData("/uix", "/ui")]
    [InlineData(null, "/ui")]
    public void Only_a_console_path_is_a_place_to_return_to(string? requested, string expected) =>
        Assert.Equal(expected, ConsoleForms.ReturnUrl(requested));
}
