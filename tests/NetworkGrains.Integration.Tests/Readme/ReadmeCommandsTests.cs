using System.Globalization;
using Xunit.Abstractions;

namespace NetworkGrains.Integration.Tests.Readme;

/// <summary>
/// The command blocks of the README and of docs/*.md, read from the files themselves and run in order with bash against
/// `scripts/run.sh` as a user pastes them: only the port of localhost:8080 (or 127.0.0.1:8080) changes, to the test
/// silo's. Each file runs against a fresh silo of its own, so it must create what its commands need. A block not run
/// says why (<see cref="ReadmeBlock.SkipMarker"/>).
/// </summary>
public sealed class ReadmeCommandsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(10);

    public static TheoryData<string> DocumentsWithCommands() => new(RunnableDocuments());

    [Fact]
    public void The_readme_and_the_docs_have_commands_that_run()
    {
        Assert.Contains(ReadmeBlock.Parse(Documents.Read(Documents.Readme)), b => b.SkipReason is null && b.Commands.Contains("curl", StringComparison.Ordinal));
        Assert.Contains(RunnableDocuments(), d => d.StartsWith("docs/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DocumentsWithCommands))]
    public async Task Every_command_block_runs_as_written_against_the_main_job(string document)
    {
        var blocks = ReadmeBlock.Parse(Documents.Read(document));

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
                    output.WriteLine($"{document} line {block.Line}: not run ({block.SkipReason})");
                    continue;
                }

                var (exitCode, log) = await BashScript.RunAsync(Script(document, block, job.HttpPort), new Dictionary<string, string> { ["CURL_HOME"] = curlHome }, Limit);
                output.WriteLine($"{document} line {block.Line}: exit {exitCode}\n{log}");
                Assert.True(exitCode == 0, $"the block of {document} at line {block.Line} failed ({exitCode}):\n{log}\nthe silo:\n{job.Tail()}");
            }
        }
        finally
        {
            Directory.Delete(curlHome, recursive: true);
        }
    }

    [Fact]
    public void Every_skip_marker_sits_right_above_a_block_and_gives_its_reason()
    {
        foreach (var document in Documents.All())
        {
            var markdown = Documents.Read(document);
            var skipped = ReadmeBlock.Parse(markdown).Where(b => b.SkipReason is not null).ToList();
            Assert.True(markdown.Split(ReadmeBlock.SkipMarker).Length - 1 == skipped.Count, $"{document}: a skip marker is not right above a block");
            Assert.All(skipped, b => Assert.True(b.SkipReason!.Length > 10, $"{document} line {b.Line}: say why the block is not run"));
        }
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
        Assert.Contains("curl 'http://127.0.0.1:18080/x'", Script("docs/x.md", new ReadmeBlock(3, "curl 'http://127.0.0.1:8080/x'", null), 18080));
    }

    private static IEnumerable<string> RunnableDocuments() =>
        Documents.All().Where(d => ReadmeBlock.Parse(Documents.Read(d)).Any(b => b.SkipReason is null));

    /// <summary>The block as a script that stops at the first failing command and names its document and line; the documents' port becomes the silo's.</summary>
    private static string Script(string document, ReadmeBlock block, int port)
    {
        var prelude = new[]
        {
            "set -euo pipefail",
            $"trap 'status=$?; echo >&2; echo \"{document} line $((LINENO - readme_start + {block.Line})) failed ($status): $BASH_COMMAND\" >&2' ERR",
            "readme_start=$((LINENO + 1))",
        };
        var commands = block.Commands
            .Replace("localhost:8080", "localhost:" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("127.0.0.1:8080", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        return string.Join('\n', prelude) + "\n" + commands;
    }
}
