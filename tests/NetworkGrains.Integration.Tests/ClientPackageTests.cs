using System.Diagnostics;
using System.IO.Compression;

namespace NetworkGrains.Integration.Tests;

/// <summary>The client SDK packs as NuGet packages (the SDK and the contracts it depends on), with its XML docs.</summary>
public sealed class ClientPackageTests
{
    [Fact]
    public async Task The_client_sdk_packs_with_its_docs_and_its_contracts_package()
    {
        var output = Directory.CreateTempSubdirectory("ng-pack-").FullName;
        try
        {
            foreach (var project in new[] { "NetworkGrains.Abstractions", "NetworkGrains.Client" })
                await Pack(Path.Combine(Repository.Root, "src", project), output);

            using var client = ZipFile.OpenRead(Path.Combine(output, "NetworkGrains.Client.0.1.0.nupkg"));
            Assert.Contains(client.Entries, e => e.FullName == "lib/net10.0/NetworkGrains.Client.dll");
            Assert.Contains(client.Entries, e => e.FullName == "lib/net10.0/NetworkGrains.Client.xml" && e.Length > 500);
            using var nuspec = new StreamReader(client.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
            Assert.Contains("id=\"NetworkGrains.Abstractions\" version=\"0.1.0\"", await nuspec.ReadToEndAsync());
            using var contracts = ZipFile.OpenRead(Path.Combine(output, "NetworkGrains.Abstractions.0.1.0.nupkg"));
            Assert.Contains(contracts.Entries, e => e.FullName == "lib/net10.0/NetworkGrains.Abstractions.dll");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static async Task Pack(string project, string output)
    {
        var info = new ProcessStartInfo("dotnet", ["pack", project, "-o", output, "--nologo", "-v", "quiet"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var log = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        Assert.True(process.ExitCode == 0, $"dotnet pack {project}: {await log}{await errors}");
    }
}
