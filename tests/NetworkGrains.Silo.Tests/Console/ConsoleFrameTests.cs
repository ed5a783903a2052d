using Bunit;
using Microsoft.AspNetCore.Components;
using NetworkGrains.Silo.Ui;

namespace NetworkGrains.Silo.Tests.Console;

public sealed class ConsoleFrameTests : ConsoleTestContext
{
    [Theory]
    [InlineData("viewer", "Fleet,Anomalies,Automation,Models")]
    [InlineData("security_admin", "Fleet,Anomalies,Automation,Models,Audit")]
    [InlineData("data_scientist", "Fleet,Anomalies,Models")]
    [InlineData("admin", "Fleet,Anomalies,Automation,Models,Audit")]
    public void The_navigation_offers_the_pages_the_roles_may_read(string role, string sections)
    {
        var frame = Render<ConsoleFrame>(p => p.AddCascadingValue(RequestOf(UserWith(role))).Add(f => f.ChildContent, (RenderFragment)(b => b.AddContent(0, "body"))));

        Assert.Equal(sections.Split(','), frame.FindAll("nav[aria-label=Console] a").Select(a => a.TextContent));
        Assert.Single(frame.FindAll("form[action='/ui/session/sign-out'] input[name=__RequestVerificationToken]"));
    }

    [Fact]
    public void Nobody_signed_in_sees_no_navigation_when_security_is_on()
    {
        var request = RequestOf(UserWith("admin"));
        request.User = new();

        var frame = Render<ConsoleFrame>(p => p.AddCascadingValue(request));

        Assert.Empty(frame.FindAll("nav[aria-label=Console]"));
        Assert.Empty(frame.FindAll("form[action='/ui/session/sign-out']"));
    }

    [Fact]
    public void The_current_section_is_marked_for_screen_readers()
    {
        var frame = Render<ConsoleFrame>(p => p.AddCascadingValue(RequestOf(UserWith("viewer"), "/ui/anomalies")));

        Assert.Equal("Anomalies", frame.Find("a[aria-current=page]").TextContent);
    }
}
