using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NetworkGrains.Grains.Tests.Automation;

/// <summary>
/// A real HTTP endpoint on loopback that records what it receives. It can answer 503 to the first requests, or
/// leave the first ones unanswered (a receiver still working when the sender's silo is killed).
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<HttpListenerContext> _held = [];
    private int _failuresLeft;
    private int _holdsLeft;

    public WebhookReceiver(int failFirst = 0, int holdFirst = 0)
    {
        _failuresLeft = failFirst;
        _holdsLeft = holdFirst;
        Url = $"http://127.0.0.1:{FreePort()}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(() => HttpListenerLoop.ServeAsync(_listener, Handle));
    }

    public string Url { get; }

    public ConcurrentQueue<(byte[] Body, string Signature, string Key)> Received { get; } = new();

    public int Attempts;

    /// <summary>The Idempotency-Key of every request, answered or not, in arrival order.</summary>
    public ConcurrentQueue<string> AttemptKeys { get; } = new();

    /// <summary>The W3C traceparent header of every request ("" without one), in arrival order.</summary>
    public ConcurrentQueue<string> TraceParents { get; } = new();

    private void Handle(HttpListenerContext context, byte[] body)
    {
        Interlocked.Increment(ref Attempts);
        AttemptKeys.Enqueue(context.Request.Headers["Idempotency-Key"] ?? "");
        TraceParents.Enqueue(context.Request.Headers["traceparent"] ?? "");
        if (Interlocked.Decrement(ref _holdsLeft) >= 0)
        {
            lock (_held) _held.Add(context);
            return;
        }

        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            context.Response.StatusCode = 503;
        }
        else
        {
            Received.Enqueue((body, context.Request.Headers["X-NG-Signature"] ?? "", context.Request.Headers["Idempotency-Key"] ?? ""));
            context.Response.StatusCode = 204;
        }

        context.Response.Close();
    }

    public void Dispose() => _listener.Close();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
