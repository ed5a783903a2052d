using NetworkGrains.Grains;
using Microsoft.AspNetCore.Diagnostics;
using Npgsql;

namespace NetworkGrains.Silo.Api;

/// <summary>
/// A grain call that could not be served because a silo is gone or the call timed out (a silo died, the cluster is
/// re-balancing), or because PostgreSQL cannot be reached or has no connection to spare for the moment (too many
/// clients, a pool exhausted), is a passing state, not a bug: 503 with Retry-After, so a client tries again.
/// </summary>
public sealed class ClusterUnavailable(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!Causes(exception).Any(IsPassing)) return false;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = "1";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "The cluster is not available", Detail = "Try again in a moment." },
        });
    }

    private static bool IsPassing(Exception ex) => TransientCalls.IsTransient(ex) || ex is NpgsqlException { IsTransient: true };

    /// <summary>The exception and what it wraps: a grain's storage failure reaches the endpoint inside Orleans' own exceptions.</summary>
    private static IEnumerable<Exception> Causes(Exception exception)
    {
        var pending = new Stack<Exception>([exception]);
        while (pending.Count > 0)
        {
            var ex = pending.Pop();
            yield return ex;
            if (ex is AggregateException aggregate) foreach (var inner in aggregate.InnerExceptions) pending.Push(inner);
            else if (ex.InnerException is { } inner) pending.Push(inner);
        }
    }
}
