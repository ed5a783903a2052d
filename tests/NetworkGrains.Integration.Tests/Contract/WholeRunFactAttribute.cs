namespace NetworkGrains.Integration.Tests.Contract;

/// <summary>A fact that only a whole run can decide (scripts/test.sh sets NG_API_COVERAGE=1): skipped, and reported so, otherwise.</summary>
public sealed class WholeRunFactAttribute : FactAttribute
{
    public WholeRunFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("NG_API_COVERAGE") != "1") Skip = "not a whole run: NG_API_COVERAGE is not 1 (scripts/test.sh sets it)";
    }
}
