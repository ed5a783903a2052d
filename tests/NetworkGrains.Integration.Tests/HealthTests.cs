using System.Diagnostics;
using System.Net;

namespace NetworkGrains.Integration.Tests;

public sealed class HealthTests
{
    [Fact]
    public async Task Health_is_503_while_postgres_is_down_and_200_again_once_it_is_back()
    {
        await using var postgres = await PrivatePostgres.StartAsync();
        await using var silo = await SiloProcess.StartAsync(postgres.ConnectionString, $"health{Guid.NewGuid():N}"[..16]);

        await postgres.StopAsync();
        await WaitForStatus(silo, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20));

        await postgres.StartAgainAsync();
        await WaitForStatus(silo, HttpStatusCode.OK, TimeSpan.FromSeconds(30));
    }

    private static async Task WaitForStatus(SiloProcess silo, HttpStatusCode expected, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        HttpStatusCode? last = null;
        while (clock.Elapsed < timeout)
        {
            using var response = await silo.Http.GetAsync("/health");
            last = response.StatusCode;
            if (last == expected) return;
            await Task.Delay(500);
        }
        Assert.Fail($"/health stayed {last} instead of {expected} for {timeout}\n{silo.Tail()}");
    }
}
