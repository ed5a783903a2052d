namespace NetworkGrains.Integration.Tests;

/// <summary>Files a test leaves for people to look at (screenshots): beside the test results, in .data/test-results/artifacts.</summary>
public static class TestArtifacts
{
    public static string Directory { get; } = System.IO.Directory.CreateDirectory(Path.Combine(Repository.Root, ".data", "test-results", "artifacts")).FullName;
}
