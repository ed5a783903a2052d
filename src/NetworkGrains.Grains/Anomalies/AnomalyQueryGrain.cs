using NetworkGrains.Abstractions.Anomalies;
using NetworkGrains.Abstractions.Problems;
using Orleans.Concurrency;

namespace NetworkGrains.Grains.Anomalies;

/// <summary>Reads the anomaly list for clients of the cluster; stateless, on every silo.</summary>
[StatelessWorker]
public sealed class AnomalyQueryGrain(IAnomalyLog log) : Grain, IAnomalyQueryGrain
{
    public const int MaxLimit = 500;

    public async Task<AnomalyPage> List(AnomalySeverity? severity, AnomalyStatus? status, DateTimeOffset? since, string? deviceId, int page, int limit)
    {
        if (page < 1 || limit is < 1 or > MaxLimit) throw InvalidInputProblem.Single("limit", $"page from 1, limit 1 to {MaxLimit}");
        var (items, total) = await log.Query(new AnomalyQuery(severity, status, since, deviceId, page, limit));
        return new AnomalyPage(items, total);
    }
}
