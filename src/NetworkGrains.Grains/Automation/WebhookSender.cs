using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace NetworkGrains.Grains.Automation;

/// <summary>
/// Rule webhooks: POST of a JSON body signed with HMAC-SHA256 (header X-NG-Signature: sha256=hex) and an
/// Idempotency-Key (unsigned without a secret: a Teams incoming webhook), retried on network errors, timeouts, 429 and 5xx with exponential backoff (Retry-After
/// honoured up to <see cref="MaxRetryAfter"/>).
/// </summary>
public sealed class WebhookSender(HttpClient http)
{
    public const int Attempts = 3;
    public const string SignatureHeader = "X-NG-Signature";
    public const string IdempotencyHeader = "Idempotency-Key";
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(10);

    public static string Sign(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Under its own client span, whose traceparent every attempt carries. Only the host is tagged (a URL may hold a token).</summary>
    public async Task<ActionOutcome> SendAsync(string url, string? secret, byte[] body, string idempotencyKey, CancellationToken cancellationToken)
    {
        using var span = NetworkGrainsTracing.Source.StartActivity("webhook post", ActivityKind.Client);
        if (span is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri)) span.SetTag("server.address", uri.Host);
        var outcome = await SendAttemptsAsync(url, secret, body, idempotencyKey, span, cancellationToken);
        span?.SetTag("ng.attempts", outcome.Attempts).SetStatus(outcome.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, outcome.Detail);
        return outcome;
    }

    private async Task<ActionOutcome> SendAttemptsAsync(string url, string? secret, byte[] body, string idempotencyKey, Activity? span, CancellationToken cancellationToken)
    {
        var detail = "";
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            TimeSpan? retryAfter = null;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new("application/json");
                if (secret is not null) request.Headers.Add(SignatureHeader, Sign(secret, body));
                request.Headers.Add(IdempotencyHeader, idempotencyKey);
                NetworkGrainsTracing.Inject(span, request);
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode) return new(true, attempt, $"{(int)response.StatusCode}");
                detail = $"{(int)response.StatusCode} {response.ReasonPhrase}";
                if (response.StatusCode != HttpStatusCode.TooManyRequests && (int)response.StatusCode < 500) return new(false, attempt, detail);
                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                detail = ex.GetType().Name;
            }

            if (attempt < Attempts)
                await Task.Delay(retryAfter is { } wait && wait <= MaxRetryAfter ? wait : FirstBackoff * Math.Pow(2, attempt - 1), cancellationToken);
        }

        return new(false, Attempts, detail);
    }
}
