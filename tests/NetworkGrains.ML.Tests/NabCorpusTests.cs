using NetworkGrains.ML.Nab;

namespace NetworkGrains.ML.Tests;

public sealed class NabCorpusTests
{
    private static string Corpus(string csv)
    {
        var root = Directory.CreateTempSubdirectory("ng-nab-data-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "data", "lab"));
        File.WriteAllText(Path.Combine(root, "data", "lab", "series.csv"), csv);
        return root;
    }

    [Theory]
    [InlineData("time,value\n2026-01-01 00:00:00,1\n", "header")]
    [InlineData("timestamp,value\n2026-01-01 00:00:00,abc\n", "'abc' is not a finite number")]
    [InlineData("timestamp,value\n2026-01-01 00:00:00,NaN\n", "'NaN' is not a finite number")]
    [InlineData("timestamp,value\nyesterday-ish,1\n", "is not a timestamp")]
    [InlineData("timestamp,value\n2026-01-01 00:00:00\n", ":2: expected 2 fields")]
    public void Malformed_data_files_are_refused_with_the_file_and_the_reason(string csv, string reason)
    {
        var error = Assert.Throws<NabFormatException>(() => NabCorpus.ReadData(Corpus(csv)).ToList());
        Assert.Contains(reason, error.Message);
        Assert.Contains("series.csv", error.Message);
    }

    [Fact]
    public void Labels_with_a_window_that_ends_before_it_starts_are_refused()
    {
        var labels = Path.GetTempFileName();
        File.WriteAllText(labels, """{"lab/series.csv": [["2026-01-02 00:00:00", "2026-01-01 00:00:00"]]}""");
        Assert.Contains("not [start, end]", Assert.Throws<NabFormatException>(() => NabCorpus.ReadLabels(labels)).Message);
    }
}
