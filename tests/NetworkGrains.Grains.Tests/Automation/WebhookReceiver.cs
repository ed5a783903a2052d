using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace NetworkGrains.Grains.Tests.Automation;

/// <summary>A real HTTP endpoint on loopback that records what it receives (and can answer 503 a few times first).</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private int _failuresLeft;

    public WebhookReceiver(int failFirst = 0)
    {
        _failuresLeft = failFirst;
        Url = $"http://127.0.0.1:{FreePort()}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<(byte[] Body, string Signature, string Key)> Received { get; } = new();

    public int Attempts;

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref Attempts);
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                context.Response.StatusCode = 503;
            }
            else
            {
                Received.Enqueue((body.ToArray(), context.Request.Headers["X-NG-Signature"] ?? "", context.Request.Headers["Idempotency-Key"] ?? ""));
                context.Response.StatusCode = 204;
            }

            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
