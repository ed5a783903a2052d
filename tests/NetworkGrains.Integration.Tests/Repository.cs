namespace NetworkGrains.Integration.Tests;

public static class Repository
{
    /// <summary>The checkout these tests were built from: the folder holding NetworkGrains.sln.</summary>
    public static string Root { get; } = Find();

    private static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "NetworkGrains.sln"))) directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("NetworkGrains.sln not found above " + AppContext.BaseDirectory);
    }
}
