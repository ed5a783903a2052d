namespace NetworkGrains.Abstractions.Models;

/// <summary>An uploaded dataset (CSV): what it holds and its SHA-256, which trained models record as their training data.</summary>
[GenerateSerializer, Immutable, Alias("ng.dataset-info.v1")]
public sealed record DatasetInfo(
    [property: Id(0)] string Name,
    [property: Id(1)] string[] Columns,
    [property: Id(2)] int Rows,
    [property: Id(3)] string Sha256,
    [property: Id(4)] long SizeBytes,
    [property: Id(5)] DateTimeOffset CreatedAt);
