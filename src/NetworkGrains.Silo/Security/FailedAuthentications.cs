using System.Net;
using System.Threading.RateLimiting;

namespace NetworkGrains.Silo.Security;

/// <summary>
/// Wrong keys or tokens allowed per source address (Api:Security FailedAuthenticationsPerSecond on average,
/// FailedAuthenticationBurst at once): a guesser soon gets 429 without a database read per guess.
/// </summary>
public sealed class FailedAuthentications : IDisposable
{
    private readonly PartitionedRateLimiter<IPAddress> _allowance;

    public FailedAuthentications(ApiSecurityOptions options)
    {
        Burst = options.FailedAuthenticationBurst;
        RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(1.0 / options.FailedAuthenticationsPerSecond));
        _allowance = PartitionedRateLimiter.Create<IPAddress, IPAddress>(address => RateLimitPartition.GetTokenBucketLimiter(address, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.FailedAuthenticationBurst,
            TokensPerPeriod = options.FailedAuthenticationsPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    public int Burst { get; }

    public int RetryAfterSeconds { get; }

    public bool MayTry(IPAddress? address) => _allowance.GetStatistics(address ?? IPAddress.None) is not { CurrentAvailablePermits: <= 0 };

    public void Count(IPAddress? address) => _allowance.AttemptAcquire(address ?? IPAddress.None).Dispose();

    public void Dispose() => _allowance.Dispose();
}
