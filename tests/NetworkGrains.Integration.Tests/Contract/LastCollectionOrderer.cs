using Xunit.Abstractions;

namespace NetworkGrains.Integration.Tests.Contract;

/// <summary>Runs the test collection named <see cref="Last"/> after all others (they keep xunit's default order).</summary>
public sealed class LastCollectionOrderer : ITestCollectionOrderer
{
    public const string Last = "Runs last";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == Last ? 1 : 0);
}
