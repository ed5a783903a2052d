using System.Net;

namespace NetworkGrains.Integration.Tests.Security;

/// <summary>Wrong keys are limited per source address: a guesser gets 429 with Retry-After instead of a database read per guess.</summary>
public sealed class FailedAuthenticationTests
{
    [Fact]
    public async Task An_address_that_keeps_presenting_wrong_keys_is_throttled_and_let_back_in_later()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"guess{Guid.NewGuid():N}"[..16], new Dictionary<string, string>
        {
            ["Api__Security__FailedAuthenticationsPerSecond"] = "1",
            ["Api__Security__FailedAuthenticationBurst"] = "5",
        });
        using var guesser = silo.CreateClient("ngk_0123456789ab_" + new string('x', 43));
        using var tokenGuesser = silo.CreateClient("eyJhbGciOiJub25lIn0.e30.");

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 40; i++) answers.Add(await (i % 2 == 0 ? guesser : tokenGuesser).GetAsync("/api/v1/audit"));
        Assert.All(answers.Take(5), answer => Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode));
        Assert.All(answers, answer => Assert.Contains(answer.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests }));
        var throttled = answers.First(answer => answer.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(throttled.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        Assert.Contains("wrong keys", await throttled.Content.ReadAsStringAsync());

        // The allowance comes back: a valid key from the same address is let in again (a positive signal, not a sleep of a guessed length).
        using var admin = silo.CreateClient(await TestKeys.CreateAsync(database.ConnectionString, "admin"));
        await Poll.UntilAsync(async () => (await admin.GetAsync("/api/v1/devices")).StatusCode == HttpStatusCode.OK ? true : (bool?)null);
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/health")).StatusCode);
    }
}
