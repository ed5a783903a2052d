using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NetworkGrains.Silo.Api;
using Orleans.Runtime;

namespace NetworkGrains.Silo.Tests;

public sealed class ClusterUnavailableTests
{
    private static (ClusterUnavailable Handler, DefaultHttpContext Context) Create()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();
        return (new ClusterUnavailable(services.GetRequiredService<IProblemDetailsService>()), context);
    }

    [Fact]
    public async Task A_gone_silo_a_timed_out_call_or_an_unreachable_database_is_a_503_to_retry()
    {
        foreach (var exception in new Exception[] { new SiloUnavailableException(), new TimeoutException(), new Npgsql.NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)) })
        {
            var (handler, context) = Create();
            Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));
            Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
            Assert.Equal("1", context.Response.Headers.RetryAfter.ToString());
            Assert.Contains("The cluster is not available", System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray()));
        }
    }

    [Fact]
    public async Task PostgreSQL_out_of_connections_inside_a_grain_calls_failure_is_a_503_to_retry()
    {
        var tooManyClients = new Npgsql.PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300");
        var poolExhausted = new Npgsql.NpgsqlException("The connection pool has been exhausted", new TimeoutException());
        foreach (var exception in new Exception[]
                 {
                     new Orleans.Runtime.OrleansException("Error from storage provider during WriteState", tooManyClients),
                     new AggregateException(new InvalidOperationException("first"), new Orleans.Runtime.OrleansException("storage", poolExhausted)),
                 })
        {
            var (handler, context) = Create();
            Assert.True(await handler.TryHandleAsync(context, exception, CancellationToken.None));
            Assert.Equal(StatusCodes.Status503ServiceUnavailable, context.Response.StatusCode);
        }
    }

    [Fact]
    public async Task Other_errors_are_left_to_the_default_handler()
    {
        var (handler, context) = Create();
        Assert.False(await handler.TryHandleAsync(context, new InvalidOperationException("bug", new Npgsql.PostgresException("syntax error", "ERROR", "ERROR", "42601")), CancellationToken.None));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
    }
}
