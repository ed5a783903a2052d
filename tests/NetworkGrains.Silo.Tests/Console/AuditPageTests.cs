using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Abstractions.Models;
using NetworkGrains.Grains.Audit;
using NetworkGrains.Silo.Ui.Pages;

namespace NetworkGrains.Silo.Tests.Console;

public sealed class AuditPageTests : ConsoleTestContext
{
    private readonly MemoryAuditLog _log = new();

    public AuditPageTests() => Services.AddSingleton<IAuditLog>(_log);

    [Fact]
    public async Task The_trail_is_filtered_by_source_newest_first_with_the_changed_fields()
    {
        await _log.Append(new AuditEntry(DateTimeOffset.UtcNow.AddMinutes(-2), "key:a", ["admin"], "rest", "POST /api/v1/automation/silences", "/api/v1/automation/silences/s1", "201", "127.0.0.1"));
        await _log.Append(new AuditEntry(DateTimeOffset.UtcNow.AddMinutes(-1), "key:o", ["operator"], "console", "POST /ui/actions/anomalies/{id}/investigate",
            "/api/v1/anomalies/a1", "303", "127.0.0.1", """{"status":"detected"}""", """{"status":"investigating"}"""));
        await _log.Append(new AuditEntry(DateTimeOffset.UtcNow, "key:v", ["viewer"], "console", "refused POST /ui/actions/anomalies/{id}/investigate",
            "/api/v1/anomalies/a1", "403: anomaly:write is needed", "127.0.0.1"));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/ui/audit?source=console");

        var page = Render<Audit>(p => p.AddCascadingValue(RequestOf(UserWith("security_admin"))));

        var rows = page.FindAll("table.audit tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("403: anomaly:write is needed", rows[0].TextContent);
        Assert.Contains("""after: {"status":"investigating"}""", rows[1].TextContent);
        Assert.Equal("console", page.Find("select#source option[selected]").GetAttribute("value"));
    }

    [Fact]
    public void A_bad_filter_is_named_with_its_reason()
    {
        var request = RequestOf(UserWith("security_admin"));
        Services.GetRequiredService<NavigationManager>().NavigateTo("/ui/audit?source=fax&since=forever");

        var page = Render<Audit>(p => p.AddCascadingValue(request));

        Assert.Contains("source: rest, console, chatops, rule, workflow", page.Find(".problem").TextContent);
        Assert.Contains("since: must be a positive number", page.Find(".problem").TextContent);
        Assert.Equal(400, request.Response.StatusCode);
    }
}
