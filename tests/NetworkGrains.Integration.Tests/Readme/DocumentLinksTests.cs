namespace NetworkGrains.Integration.Tests.Readme;

/// <summary>Every relative link and image of the README and docs/*.md points at a file that exists, and at a heading of it when it names one.</summary>
public sealed class DocumentLinksTests
{
    [Fact]
    public void Every_relative_link_and_image_resolves_to_a_file_and_heading()
    {
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var document in Documents.All())
        {
            var directory = Path.GetDirectoryName(Path.Combine(Repository.Root, document))!;
            foreach (var (line, target) in MarkdownLinks.Targets(Documents.Read(document)))
            {
                if (IsExternal(target)) continue;
                checkedLinks++;
                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var (path, fragment) = hash < 0 ? (target, null) : (target[..hash], target[(hash + 1)..]);
                var file = path.Length == 0 ? Path.Combine(Repository.Root, document) : Path.GetFullPath(Path.Combine(directory, path));
                if (!File.Exists(file) && !Directory.Exists(file)) broken.Add($"{document} line {line}: {target}: no such file");
                else if (fragment is not null && !MarkdownLinks.Anchors(File.ReadAllText(file)).Contains(fragment))
                    broken.Add($"{document} line {line}: {target}: no heading with that anchor");
            }
        }

        Assert.True(checkedLinks > 20, $"only {checkedLinks} relative links found: is the link reader broken?");
        Assert.True(broken.Count == 0, string.Join('\n', broken));
    }

    [Fact]
    public void Links_outside_code_and_the_anchors_of_headings_are_read_as_github_does()
    {
        const string markdown = """
            # The demo: a simulated fleet
            See [Security](docs/operations.md#security), ![a picture](console.png "title") and `[not](a-link.md)`.
            ```sh
            # not a heading, [nor](a-link.md)
            ```
            ### Durability (Postgres profile)
            ## The whole suite, 2026-11-29
            ## `ngctl` and [links](x.md)
            ## Results
            ## Results
            """;

        Assert.Equal(new[] { (2, "docs/operations.md#security"), (2, "console.png"), (8, "x.md") }, MarkdownLinks.Targets(markdown));
        Assert.Equal(
            new[] { "the-demo-a-simulated-fleet", "durability-postgres-profile", "the-whole-suite-2026-11-29", "ngctl-and-links", "results", "results-1" }.Order(),
            MarkdownLinks.Anchors(markdown).Order());
    }

    private static bool IsExternal(string target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is not "file";
}
