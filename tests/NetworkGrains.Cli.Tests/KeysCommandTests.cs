namespace NetworkGrains.Cli.Tests;

public sealed class KeysCommandTests
{
    [Theory]
    [InlineData("90d", 90 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("30m", 30)]
    public void Expires_reads_a_lifetime(string text, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), KeysCommand.Lifetime(text));

    [Fact]
    public void No_expires_means_a_key_that_does_not_expire() => Assert.Null(KeysCommand.Lifetime(null));

    [Theory]
    [InlineData("0d", "positive number")]
    [InlineData("90", "positive number")]
    [InlineData("-5d", "positive number")]
    [InlineData("3651d", "at most 3650d")]
    public void A_bad_expires_is_a_usage_error_that_says_why(string text, string reason) =>
        Assert.Contains(reason, Assert.Throws<UsageException>(() => KeysCommand.Lifetime(text)).Message);
}
