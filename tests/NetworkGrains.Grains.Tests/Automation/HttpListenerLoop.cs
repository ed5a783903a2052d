using System.Net;

namespace NetworkGrains.Grains.Tests.Automation;

/// <summary>The accept loop of the tests' loopback HTTP endpoints: each request goes to the handler with its body read.</summary>
internal static class HttpListenerLoop
{
    public static async Task ServeAsync(HttpListener listener, Action<HttpListenerContext, byte[]> handle)
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
            handle(context, body.ToArray());
        }
    }
}
