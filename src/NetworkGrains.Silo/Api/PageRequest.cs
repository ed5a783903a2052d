namespace NetworkGrains.Silo.Api;

/// <summary>The page and limit query parameters of a list endpoint, and the pagination object of its answer.</summary>
public readonly record struct PageRequest(int Page, int Limit)
{
    public const int MaxLimit = 1000;

    /// <summary>Page from 1 (default 1), limit 1 to <see cref="MaxLimit"/> (default 50); a bad one goes into <paramref name="errors"/>.</summary>
    public static PageRequest Read(string? page, string? limit, ValidationErrors errors)
    {
        var request = new PageRequest(QueryValues.Int(page, "page", errors) ?? 1, QueryValues.Int(limit, "limit", errors) ?? 50);
        if (request.Page < 1) errors.Add("page", "at least 1");
        if (request.Limit is < 1 or > MaxLimit) errors.Add("limit", $"between 1 and {MaxLimit}");
        return request;
    }

    public IEnumerable<T> Of<T>(IEnumerable<T> items) => items.Skip((Page - 1) * Limit).Take(Limit);

    public Pagination Pagination(int total) => new(Page, Limit, total, (total + Limit - 1) / Limit);

    /// <summary>The answer of a list endpoint: this page's items and where they sit in the whole.</summary>
    public Page<T> Answer<T>(IEnumerable<T> items, int total) => new([.. items], Pagination(total));
}

/// <summary>Where a page sits: its number, its size, how many items there are and how many pages they fill.</summary>
public sealed record Pagination(int Page, int Limit, int Total, int Pages);

/// <summary>One page of a list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, Pagination Pagination);
