using Bunit;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Grains.Anomalies;
using NetworkGrains.Silo.Ui.Pages;

namespace NetworkGrains.Silo.Tests.Console;

public sealed class AnomaliesPageTests : ConsoleTestContext
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private readonly MemoryAnomalyLog _log = new();

    public AnomaliesPageTests() => Services.AddSingleton<IAnomalyLog>(_log);

    [Fact]
    public async Task Anomalies_of_one_incident_are_grouped_and_only_detected_ones_offer_acknowledge()
    {
        await _log.Upsert(Anomaly("a1", "r1", AnomalyStatus.Detected, group: "a1", minutesAgo: 3));
        await _log.Upsert(Anomaly("a2", "r1", AnomalyStatus.Investigating, group: "a1", minutesAgo: 2));
        await _log.Upsert(Anomaly("b1", "s7", AnomalyStatus.Detected, group: "b1", minutesAgo: 1));

        var page = Render<Anomalies>(p => p.AddCascadingValue(UserWith("operator")).AddCascadingValue(RequestOf(UserWith("operator"))));

        var groups = page.FindAll("table.inbox tbody.group");
        Assert.Equal(2, groups.Count);
        Assert.Equal(["b1"], groups[0].QuerySelectorAll("tr[data-anomaly]").Select(r => r.GetAttribute("data-anomaly")));
        Assert.Equal(["a2", "a1"], groups[1].QuerySelectorAll("tr[data-anomaly]").Select(r => r.GetAttribute("data-anomaly")));
        Assert.Contains("Group a1: 2 anomalies", groups[1].TextContent);
        Assert.Equal(["/ui/actions/anomalies/b1/investigate", "/ui/actions/anomalies/a1/investigate"],
            page.FindAll("table.inbox form").Select(f => f.GetAttribute("action")));
        Assert.All(page.FindAll("table.inbox form"), f => Assert.NotNull(f.QuerySelector("input[name=__RequestVerificationToken]")));
    }

    [Fact]
    public async Task A_viewer_is_offered_no_action()
    {
        await _log.Upsert(Anomaly("a1", "r1", AnomalyStatus.Detected, group: "a1", minutesAgo: 3));

        var page = Render<Anomalies>(p => p.AddCascadingValue(UserWith("viewer")).AddCascadingValue(RequestOf(UserWith("viewer"))));

        Assert.Single(page.FindAll("table.inbox tr[data-anomaly]"));
        Assert.Empty(page.FindAll("table.inbox form"));
    }

    [Fact]
    public void Tampered_filters_get_the_apis_validation_and_a_400_not_an_error_page()
    {
        var request = RequestOf(UserWith("viewer"));
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/ui/anomalies?severity=urgent&page=0&time_range=1y");

        var page = Render<Anomalies>(p => p.AddCascadingValue(UserWith("viewer")).AddCascadingValue(request));

        var problem = page.Find(".problem[role=alert]").TextContent;
        Assert.Contains("severity: one of low, medium, high, critical", problem);
        Assert.Contains("page: between 1 and 1000000", problem);
        Assert.Contains("time_range: one of 1h, 24h, 7d, 30d", problem);
        Assert.Equal(400, request.Response.StatusCode);
        Assert.Empty(page.FindAll("table.inbox"));
    }

    [Fact]
    public async Task The_live_section_knows_the_anomalies_the_page_was_made_with_whatever_the_filter()
    {
        await _log.Upsert(Anomaly("a1", "r1", AnomalyStatus.Detected, group: "a1", minutesAgo: 3));
        await _log.Upsert(Anomaly("r9", "r1", AnomalyStatus.Resolved, group: "r9", minutesAgo: 2));
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo("/ui/anomalies?status=detected");

        var page = Render<Anomalies>(p => p.AddCascadingValue(UserWith("viewer")).AddCascadingValue(RequestOf(UserWith("viewer"))));

        var live = page.Find("section[data-live]");
        Assert.Equal("/ui/anomalies/live", live.GetAttribute("data-live"));
        Assert.Equal(["r9", "a1"], live.GetAttribute("data-known")!.Split(' '));
        Assert.Equal(["a1"], page.FindAll("table.inbox tr[data-anomaly]").Select(r => r.GetAttribute("data-anomaly")));
        Assert.NotNull(live.QuerySelector("[aria-live=polite]"));
    }

    private static Anomaly Anomaly(string id, string device, AnomalyStatus status, string group, int minutesAgo) => new(
        id, device, "ifInOctets", "1", AnomalyCategory.TrafficSpike, AnomalySeverity.High, 0.9, 0.9, status, Now.AddMinutes(-minutesAgo - 1), Now.AddMinutes(-minutesAgo),
        1, 100, [], [], null, "test", group);
}
