namespace NetworkGrains.Integration.Tests.Readme;

/// <summary>The documentation a user reads: README.md, then every docs/*.md by name. Paths are relative to the checkout.</summary>
public static class Documents
{
    public const string Readme = "README.md";

    public static IReadOnlyList<string> All()
    {
        var docs = Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md")
            .Select(path => "docs/" + Path.GetFileName(path))
            .Order(StringComparer.Ordinal);
        return [Readme, .. docs];
    }

    public static string Read(string document) => File.ReadAllText(Path.Combine(Repository.Root, document));
}
