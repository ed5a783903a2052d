using System.Globalization;
using Xunit.Abstractions;

namespace NetworkGrains.Integration.Tests.Readme;

/// <summary>
/// The README's command blocks, read from README.md itself, run in order with bash against `scripts/run.sh` as a user
/// pastes them: only the port of localhost:8080 (or 127.0.0.1:8080) changes, to the test silo's. A block not run says why
/// (<see cref="ReadmeBlock.SkipMarker"/>).
/// </summary>
public sealed class ReadmeCommandsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Every_command_block_of_the_readme_runs_as_written_against_the_main_job()
    {
        var blocks = ReadmeBlock.Parse(await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md")));
        Assert.Contains(blocks, b => b.SkipReason is null && b.Commands.Contains("curl", StringComparison.Ordinal));

        // curl as a user runs it, but failing on an HTTP status of 400 or more (the body still shows) and without a progress meter.
        var curlHome = Directory.CreateTempSubdirectory("ng-readme-curl-").FullName;
        await File.WriteAllTextAsync(Path.Combine(curlHome, ".curlrc"), "fail-with-body\nsilent\nshow-error\n");
        try
        {
            await using var job = await MainJob.StartAsync(Limit);
            foreach (var block in blocks)
            {
                if (block.SkipReason is not null)
                {
                    output.WriteLine($"README line {block.Line}: not run ({block.SkipReason})");
                    continue;
                }

                var (exitCode, log) = await BashScript.RunAsync(Script(block, job.HttpPort), new Dictionary<string, string> { ["CURL_HOME"] = curlHome }, Limit);
                output.WriteLine($"README line {block.Line}: exit {exitCode}\n{log}");
                Assert.True(exitCode == 0, $"the README block at line {block.Line} failed ({exitCode}):\n{log}\nthe silo:\n{job.Tail()}");
            }
        }
        finally
        {
            Directory.Delete(curlHome, recursive: true);
        }
    }

    [Fact]
    public async Task Every_skip_marker_sits_right_above_a_block_and_gives_its_reason()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "README.md"));
        var skipped = ReadmeBlock.Parse(readme).Where(b => b.SkipReason is not null).ToList();
        Assert.Equal(readme.Split(ReadmeBlock.SkipMarker).Length - 1, skipped.Count);
        Assert.All(skipped, b => Assert.True(b.SkipReason!.Length > 10, $"README line {b.Line}: say why the block is not run"));
    }

    [Fact]
    public void Blocks_are_the_sh_and_bash_fences_with_their_first_line_and_skip_reason()
    {
        var blocks = ReadmeBlock.Parse("""
            # Title
            ```sh
            curl localhost:8080/health
            ```
            ```csharp
            var x = 1;
            ```
            <!-- readme-test: skip: runs until stopped -->
            ```bash
            scripts/run.sh --demo
            ```
            """);

        Assert.Equal(new[] { new ReadmeBlock(3, "curl localhost:8080/health", null), new ReadmeBlock(10, "scripts/run.sh --demo", "runs until stopped") }, blocks);
        Assert.Throws<FormatException>(() => ReadmeBlock.Parse("```sh\ncurl localhost:8080/health\n"));
        Assert.Throws<FormatException>(() => ReadmeBlock.Parse("<!-- readme-test: skip: no end\n```sh\ntrue\n```"));
        Assert.Contains("curl 'http://127.0.0.1:18080/x'", Script(new ReadmeBlock(3, "curl 'http://127.0.0.1:8080/x'", null), 18080));
    }

    /// <summary>The block as a script that stops at the first failing command and names its README line; the README's port becomes the silo's.</summary>
    private static string Script(ReadmeBlock block, int port)
    {
        var prelude = new[]
        {
            "set -euo pipefail",
            $"trap 'status=$?; echo >&2; echo \"README line $((LINENO - readme_start + {block.Line})) failed ($status): $BASH_COMMAND\" >&2' ERR",
            "readme_start=$((LINENO + 1))",
        };
        var commands = block.Commands
            .Replace("localhost:8080", "localhost:" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("127.0.0.1:8080", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return string.Join('\n', prelude) + "\n" + commands;
    }
}
