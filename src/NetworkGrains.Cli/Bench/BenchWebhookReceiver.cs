using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace NetworkGrains.Cli.Bench;

/// <summary>
/// A webhook receiver on loopback for the benchmarks that time actions: each delivery is handed, with its arrival
/// time (a <see cref="Stopwatch"/> timestamp) and its idempotency key, to <c>received</c>, and answered 204.
/// </summary>
public sealed class BenchWebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private bool _disposed;

    public BenchWebhookReceiver(Action<JsonElement, string?, long> received)
    {
        Url = $"http://127.0.0.1:{BenchSilo.FreeTcpPort()}/hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _ = Task.Run(() => ReceiveAsync(received)); // ends when the listener closes
    }

    public string Url { get; }

    private async Task ReceiveAsync(Action<JsonElement, string?, long> received)
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var arrived = Stopwatch.GetTimestamp();
            using var json = await JsonDocument.ParseAsync(context.Request.InputStream);
            received(json.RootElement, context.Request.Headers["Idempotency-Key"], arrived);
            context.Response.StatusCode = 204;
            context.Response.Close();
        }
    }

    /// <summary>Stops receiving (the benchmarks do when their figures are in); a second call does nothing.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _listener.Close();
    }
}
