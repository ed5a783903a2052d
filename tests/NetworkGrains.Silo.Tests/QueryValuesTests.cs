using NetworkGrains.Silo.Api;

namespace NetworkGrains.Silo.Tests;

public sealed class QueryValuesTests
{
    private static readonly TimeSpan Month = TimeSpan.FromDays(30);

    [Theory]
    [InlineData("90s", 90)]
    [InlineData("15m", 900)]
    [InlineData("2h", 7_200)]
    [InlineData("30d", 2_592_000)]
    [InlineData("720h", 2_592_000)]
    [InlineData("2592000s", 2_592_000)]
    [InlineData("007m", 420)]
    public void Durations_up_to_the_limit_are_read(string text, int seconds)
    {
        var errors = new ValidationErrors();

        Assert.Equal(TimeSpan.FromSeconds(seconds), QueryValues.Duration(text, "cooldown", Month, errors));
        Assert.False(errors.Any);
    }

    [Theory]
    [InlineData("31d", "at most 30d")]
    [InlineData("2592001s", "at most 30d")]
    [InlineData("10675199d", "at most 30d")]
    [InlineData("10675200d", "at most 30d")]
    [InlineData("2147483648s", "at most 30d")]
    [InlineData("99999999999999999999999d", "at most 30d")]
    [InlineData("0m", "positive number")]
    [InlineData("000s", "positive number")]
    [InlineData("-5m", "positive number")]
    [InlineData("+5m", "positive number")]
    [InlineData(" 5m", "positive number")]
    [InlineData("5", "positive number")]
    [InlineData("m", "positive number")]
    [InlineData("", "positive number")]
    [InlineData("1.5h", "positive number")]
    [InlineData("5w", "positive number")]
    [InlineData("\u0665m", "positive number")] // an Arabic-Indic five
    public void Other_durations_are_refused_naming_the_field(string text, string reason)
    {
        var errors = new ValidationErrors();

        Assert.Null(QueryValues.Duration(text, "cooldown", Month, errors));

        Assert.Contains(reason, Assert.Single(errors.ToDictionary()["cooldown"]));
    }

    [Theory]
    [InlineData(90, "90s")]
    [InlineData(5_400, "90m")]
    [InlineData(3_600, "1h")]
    [InlineData(2_592_000, "30d")]
    public void A_limit_is_spelt_in_its_largest_whole_unit(int seconds, string expected) =>
        Assert.Equal(expected, QueryValues.Spell(TimeSpan.FromSeconds(seconds)));

    [Theory]
    [InlineData("0001-01-01T00:00:00Z")]
    [InlineData("1969-12-31T23:59:59Z")]
    [InlineData("9999-12-31T23:59:59Z")]
    public void Times_out_of_any_window_are_refused(string text)
    {
        var errors = new ValidationErrors();

        Assert.Null(QueryValues.Time(text, "to", errors));

        Assert.Equal("must be between 1970 and 9998", Assert.Single(errors.ToDictionary()["to"]));
    }

    [Theory]
    [InlineData("99999999999", null, "page")]
    [InlineData("2147483647", null, "page")]
    [InlineData("1000001", null, "page")]
    [InlineData("0", null, "page")]
    [InlineData(null, "99999999999", "limit")]
    [InlineData(null, "-2147483648", "limit")]
    public void Pages_whose_offset_would_not_fit_an_int_are_refused(string? page, string? limit, string field)
    {
        var errors = new ValidationErrors();

        PageRequest.Read(page, limit, errors);

        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Fact]
    public void The_last_page_allowed_at_the_largest_limit_skips_an_int_of_rows()
    {
        var errors = new ValidationErrors();

        var request = PageRequest.Read(PageRequest.MaxPage.ToString(), PageRequest.MaxLimit.ToString(), errors);

        Assert.False(errors.Any);
        Assert.True((long)(request.Page - 1) * request.Limit <= int.MaxValue);
    }

    [Theory]
    [InlineData("99999999999")]
    [InlineData("0")]
    public void A_last_count_out_of_range_is_refused(string text)
    {
        var errors = new ValidationErrors();

        QueryValues.Last(text, 50, 500, errors);

        Assert.Contains("last", errors.ToDictionary().Keys);
    }
}
