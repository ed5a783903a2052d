namespace NetworkGrains.Integration.Tests.Contract;

/// <summary>
/// Runs after every other test class (<see cref="LastCollectionOrderer"/>): every operation of the document was
/// answered with a success somewhere in the run. Only a whole run says so: it runs when scripts/test.sh runs
/// everything (NG_API_COVERAGE=1) and is skipped otherwise.
/// </summary>
[Collection(LastCollectionOrderer.Last)]
public sealed class CoverageTests
{
    [WholeRunFact]
    public async Task Every_documented_operation_succeeded_somewhere_in_the_run()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var silo = await SiloProcess.StartAsync(database.ConnectionString, $"cover{Guid.NewGuid():N}"[..16]);
        var operations = ApiOperation.From(await silo.Http.GetStringAsync("/openapi/v1.json"));
        var never = operations.Select(o => o.ToString()).Where(o => !ApiCoverage.Succeeded(o)).ToList();
        Assert.True(never.Count == 0, "No test saw these operations succeed:\n" + string.Join("\n", never));
    }
}
