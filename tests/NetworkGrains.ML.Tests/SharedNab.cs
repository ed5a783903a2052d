namespace NetworkGrains.ML.Tests;

/// <summary>The NAB development subset in ../shared/data/nab (found from the test's directory upwards).</summary>
public static class SharedNab
{
    private static readonly string? Found = Find();

    public static bool Available => Found is not null;

    public static string Directory => Found ?? throw new InvalidOperationException("../shared/data/nab not found above " + AppContext.BaseDirectory);

    public static string Labels => Path.Combine(Directory, "labels", "combined_windows.json");

    private static string? Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "..", "shared", "data", "nab");
            if (System.IO.Directory.Exists(Path.Combine(candidate, "data"))) return Path.GetFullPath(candidate);
        }
        return null;
    }
}
