using System.Net;

namespace NetworkGrains.Grains.Tests.Automation;

/// <summary>The accept loop of the tests' loopback HTTP endpoints: each request goes to the handler with its body read.</summary>
internal static class HttpListenerLoop
{
    public static Task ServeAsync(HttpListener listener, Action<HttpListenerContext, byte[]> handle) =>
        ServeAsync(listener, (context, body) =>
        {
            handle(context, body);
            return Task.CompletedTask;
        });

    public static async Task ServeAsync(HttpListener listener, Func<HttpListenerContext, byte[], Task> handle)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            await handle(context, body.ToArray());
        }
    }
}
