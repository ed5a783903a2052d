using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace NetworkGrains.Silo.Security;

/// <summary>
/// A token bucket per caller (the API key when security is on, else the caller's address): Api:Security
/// RequestsPerSecond on average, Burst at once. Beyond it: 429 with Retry-After, and the other callers are not touched.
/// </summary>
public static class ApiRateLimits
{
    public static void Configure(RateLimiterOptions limits, ApiSecurityOptions options, bool byKey)
    {
        limits.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var caller = byKey && context.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : "address:" + context.Connection.RemoteIpAddress;
            return RateLimitPartition.GetTokenBucketLimiter(caller, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = options.Burst,
                TokensPerPeriod = options.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        limits.OnRejected = async (rejected, cancellationToken) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 1;
            rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await Results.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many requests",
                detail: $"more than {options.RequestsPerSecond} requests a second (burst {options.Burst}) from this caller; retry after {retryAfter} s").ExecuteAsync(rejected.HttpContext);
        };
    }
}
