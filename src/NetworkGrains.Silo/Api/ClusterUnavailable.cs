using NetworkGrains.Grains;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// A grain call that could not be served because a silo is gone or the call timed out (a silo died, the cluster is
/// re-balancing), or because PostgreSQL cannot be reached for the moment, is a passing state, not a bug: 503 with
/// Retry-After, so a client tries again.
/// </summary>
public sealed class ClusterUnavailable(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!TransientCalls.IsTransient(exception) && exception is not NpgsqlException { IsTransient: true }) return false;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "The cluster is not available", Detail = "Try again in a moment." },
        });
    }
}
