using NetworkGrains.Integration.Tests.Models;
using System.Net;
using System.Text.RegularExpressions;
using Npgsql;

namespace NetworkGrains.Integration.Tests.Console;

/// <summary>The console's sessions and actions over plain HTTP, as a browser (or a forger) would send them.</summary>
public sealed partial class ConsoleSessionTests
{
    [Fact]
    public async Task A_session_needs_a_valid_key_and_ends_at_the_next_request_once_the_key_is_revoked()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"uisess{Guid.NewGuid():N}"[..16]);
        var key = await TestKeys.CreateAsync(database.ConnectionString, "operator");
        using var browser = Browser(silo);

        using (var anonymous = await browser.GetAsync("/ui/fleet"))
        {
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Equal("/ui/sign-in?returnUrl=%2Fui%2Ffleet", anonymous.Headers.Location!.PathAndQuery);
        }

        Assert.Equal("/ui/sign-in?failed=refused&returnUrl=%2Fui%2Ffleet", (await SignInAsync(browser, "ngk_000000000000_wrong")).PathAndQuery);
        using (var noToken = await browser.PostAsync("/ui/session/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["credential"] = key })))
        {
            Assert.Equal(HttpStatusCode.SeeOther, noToken.StatusCode); // a forged sign-in (login CSRF) signs nobody in
            Assert.Equal("/ui/sign-in?failed=expired&returnUrl=%2Fui", noToken.Headers.Location!.OriginalString);
        }

        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name == "ng.console");
        Assert.Equal("/ui/fleet", (await SignInAsync(browser, key)).PathAndQuery);
        var cookie = Assert.Single(browser.Cookies.GetAllCookies(), c => c.Name == "ng.console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/ui", cookie.Path);
        Assert.DoesNotContain(key.Split('_', 3)[2], cookie.Value); // the secret may itself hold '_' (base64url)
        using (var fleet = await browser.GetAsync("/ui/fleet")) Assert.Equal(HttpStatusCode.OK, fleet.StatusCode);
        using (var api = await browser.GetAsync("/api/v1/devices")) Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode); // the cookie is the console's only

        await using (var dataSource = NpgsqlDataSource.Create(database.ConnectionString))
            Assert.True(await new NetworkGrains.Silo.Security.ApiKeys(dataSource).RevokeAsync(key.Split('_')[1]));
        using var after = await browser.GetAsync("/ui/fleet");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/ui/sign-in", after.Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task A_forged_action_is_refused_and_audited_and_tampered_fields_get_the_apis_validation()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"uiforge{Guid.NewGuid():N}"[..16]);
        await silo.Http.PutDeviceAsync("edge-9", "10.29.0.9");
        await silo.Http.PostCpuSpikeAsync("edge-9");
        var anomaly = await ConsoleWalkTests.OpenAnomalyAsync(silo.Http, "edge-9");
        using var viewer = Browser(silo);
        await SignInAsync(viewer, await TestKeys.CreateAsync(database.ConnectionString, "viewer"));
        var page = await viewer.GetStringAsync("/ui/anomalies");
        Assert.DoesNotContain("/ui/actions/", page); // no control the role lacks is offered

        // The viewer forges the operator's button, with its own session's valid antiforgery token.
        using (var forged = await viewer.PostAsync($"/ui/actions/anomalies/{anomaly}/investigate", Form(page, ("acknowledge", "1"))))
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        var refused = await silo.Http.SendAsync(HttpMethod.Get, "/api/v1/audit?source=console&action=refused", null, HttpStatusCode.OK);
        var entry = Assert.Single(refused.GetProperty("items").EnumerateArray());
        Assert.Equal($"/api/v1/anomalies/{anomaly}", entry.GetProperty("target").GetString());
        Assert.Equal("403: anomaly:write is needed", entry.GetProperty("summary").GetString());
        Assert.Equal("detected", (await silo.Http.SendAsync(HttpMethod.Get, $"/api/v1/anomalies/{anomaly}", null, HttpStatusCode.OK)).GetProperty("status").GetString());

        using var operatorSession = Browser(silo);
        await SignInAsync(operatorSession, await TestKeys.CreateAsync(database.ConnectionString, "operator"));
        var inbox = await operatorSession.GetStringAsync("/ui/anomalies");
        using (var tampered = await operatorSession.PostAsync($"/ui/actions/anomalies/{anomaly}/resolve", Form(inbox, ("resolution", "ignored"), ("notes", new string('x', 4001)))))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
            var shown = await tampered.Content.ReadAsStringAsync();
            Assert.Contains("<code>resolution</code>: resolved or false_positive", shown);
            Assert.Contains("Not done", shown);
        }

        using (var noToken = await operatorSession.PostAsync($"/ui/actions/anomalies/{anomaly}/investigate", new FormUrlEncodedContent(new Dictionary<string, string> { ["acknowledge"] = "1" })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
            Assert.Contains("__RequestVerificationToken", await noToken.Content.ReadAsStringAsync());
        }

        using (var badQuery = await operatorSession.GetAsync("/ui/anomalies?severity=urgent&limit=5000"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badQuery.StatusCode);
            Assert.Contains("<code>limit</code>: between 1 and 1000", await badQuery.Content.ReadAsStringAsync());
        }

        using (var done = await operatorSession.PostAsync($"/ui/actions/anomalies/{anomaly}/resolve", Form(inbox, ("resolution", "false_positive"), ("returnUrl", "//evil.example/"))))
        {
            Assert.Equal(HttpStatusCode.SeeOther, done.StatusCode);
            Assert.Equal("/ui", done.Headers.Location!.OriginalString);
        }

        Assert.Equal("false_positive", (await silo.Http.SendAsync(HttpMethod.Get, $"/api/v1/anomalies/{anomaly}", null, HttpStatusCode.OK)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_device_change_held_for_review_is_offered_on_the_automation_page_and_decided_there()
    {
        await using var database = await TestDatabase.CreateAsync();
        // Above 1 no anomaly is confident enough: every device change waits for a person.
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"uireview{Guid.NewGuid():N}"[..16],
            new Dictionary<string, string> { ["Automation__AutoActionConfidence"] = "1.01" });
        await silo.Http.SendAsync(HttpMethod.Post, "/api/v1/automation/rules", new
        {
            id = "set-on-cpu",
            trigger = new { categories = new[] { "cpu" }, devices = new[] { "edge-7" } },
            actions = new object[] { new { type = "snmp_set", set = new[] { new { oid = "1.3.6.1.2.1.1.4.0", type = "s", value = "held" } } } },
        }, HttpStatusCode.Created);
        await silo.Http.PutDeviceAsync("edge-7", "10.29.0.7");
        await silo.Http.PostCpuSpikeAsync("edge-7");
        var reviews = await Poll.UntilAsync(async () => await silo.Http.SendAsync(HttpMethod.Get, "/api/v1/automation/reviews", null, HttpStatusCode.OK) is var list
            && list.GetArrayLength() > 0 ? list : (System.Text.Json.JsonElement?)null);
        var runId = reviews[0].GetProperty("id").GetString();

        using var responder = Browser(silo);
        await SignInAsync(responder, await TestKeys.CreateAsync(database.ConnectionString, "incident_responder"));
        var page = await responder.GetStringAsync("/ui/automation");
        Assert.Contains($"action=\"/ui/actions/workflow-runs/{runId}/approve\"", page);
        using (var rejected = await responder.PostAsync($"/ui/actions/workflow-runs/{runId}/reject", Form(page, ("comment", "not now"))))
            Assert.Equal(HttpStatusCode.SeeOther, rejected.StatusCode);

        var run = await silo.Http.SendAsync(HttpMethod.Get, $"/api/v1/automation/workflow-runs/{runId}", null, HttpStatusCode.OK);
        Assert.Equal("rejected", run.GetProperty("status").GetString());
        Assert.DoesNotContain("/ui/actions/workflow-runs/", await responder.GetStringAsync("/ui/automation")); // decided: nothing left to offer
    }

    /// <summary>A client that keeps cookies and does not follow redirects, as the tests look at each answer.</summary>
    private static CookieClient Browser(SiloProcess silo) => new(new Uri($"http://127.0.0.1:{silo.Ports.Http}"));

    /// <summary>Signs in through the sign-in page's form; where the answer sends the browser.</summary>
    private static async Task<Uri> SignInAsync(CookieClient browser, string credential)
    {
        var page = await browser.GetStringAsync("/ui/sign-in?returnUrl=%2Fui%2Ffleet");
        using var answer = await browser.PostAsync("/ui/session/sign-in", Form(page, ("credential", credential), ("returnUrl", "/ui/fleet")));
        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        return new Uri(browser.BaseAddress, answer.Headers.Location!);
    }

    /// <summary>A form post carrying the antiforgery token of <paramref name="page"/>.</summary>
    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) => new(
        fields.Select(f => KeyValuePair.Create(f.Name, f.Value))
            .Prepend(KeyValuePair.Create("__RequestVerificationToken", WebUtility.HtmlDecode(Token().Match(page).Groups[1].Value))));

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private sealed class CookieClient : IDisposable
    {
        private readonly HttpClient _http;

        public CookieClient(Uri baseAddress) =>
            _http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

        public CookieContainer Cookies { get; } = new();

        public Uri BaseAddress => _http.BaseAddress!;

        public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

        public Task<string> GetStringAsync(string path) => _http.GetStringAsync(path);

        public Task<HttpResponseMessage> PostAsync(string path, HttpContent content) => _http.PostAsync(path, content);

        public void Dispose() => _http.Dispose();
    }
}
