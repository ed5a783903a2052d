namespace NetworkGrains.Silo.Api;

/// <summary>The page and limit query parameters of a list endpoint, and the pagination object of its answer.</summary>
public readonly record struct PageRequest(int Page, int Limit)
{
    public const int MaxLimit = 1000;
    /// <summary>So that the rows skipped, (page - 1) × limit, fit in an int (a SQL OFFSET) at any limit.</summary>
    public const int MaxPage = 1_000_000;

    /// <summary>Page 1 to <see cref="MaxPage"/> (default 1), limit 1 to <see cref="MaxLimit"/> (default 50); a bad one goes into <paramref name="errors"/>.</summary>
    public static PageRequest Read(string? page, string? limit, ValidationErrors errors)
    {
        var request = new PageRequest(QueryValues.Int(page, "page", errors) ?? 1, QueryValues.Int(limit, "limit", errors) ?? 50);
        if (request.Page is < 1 or > MaxPage) errors.Add("page", $"between 1 and {MaxPage}");
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
