using System.Collections.Concurrent;

namespace NetworkGrains.Integration.Tests.Contract;

/// <summary>Which statuses the tests saw each documented operation answer, over the whole test run.</summary>
public static class ApiCoverage
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<int, bool>> Seen = new();

    public static void Note(OpenApiContract document, HttpMethod method, string path, int status)
    {
        if (document.Match(path) is { } template) Seen.GetOrAdd($"{method} {template}", _ => new())[status] = true;
    }

    public static bool Succeeded(string operation) => Seen.TryGetValue(operation, out var statuses) && statuses.Keys.Any(s => s is >= 200 and < 300);
}
