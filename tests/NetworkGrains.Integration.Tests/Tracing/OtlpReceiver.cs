using System.Collections.Concurrent;
using System.Net;
using System.Text;
using NetworkGrains.Grains.Tests.Automation;

namespace NetworkGrains.Integration.Tests.Tracing;

/// <summary>One span as exported, with the service.instance.id of the silo that exported it.</summary>
internal sealed record ExportedSpan(string TraceId, string SpanId, string ParentSpanId, string Name, IReadOnlyDictionary<string, string> Attributes, string Exporter);

/// <summary>
/// An OTLP/HTTP trace receiver on loopback: POST /v1/traces with application/x-protobuf (ExportTraceServiceRequest),
/// of which it reads the spans' ids, names and string attributes, and the resource's string attributes.
/// </summary>
internal sealed class OtlpReceiver : IDisposable
{
    private readonly HttpListener _listener = new();

    public OtlpReceiver()
    {
        Endpoint = $"http://127.0.0.1:{SiloProcess.FreePort()}";
        _listener.Prefixes.Add($"{Endpoint}/v1/traces/");
        _listener.Start();
        _ = Task.Run(() => HttpListenerLoop.ServeAsync(_listener, Handle));
    }

    /// <summary>What Tracing:OtlpEndpoint is set to (the silo appends /v1/traces).</summary>
    public string Endpoint { get; }

    public ConcurrentQueue<ExportedSpan> Spans { get; } = new();

    /// <summary>Requests that were not an export this receiver could read (then answered 400).</summary>
    public ConcurrentQueue<string> Refused { get; } = new();

    private void Handle(HttpListenerContext context, byte[] body)
    {
        try
        {
            if (context.Request.HttpMethod != "POST" || context.Request.ContentType != "application/x-protobuf")
                throw new InvalidDataException($"{context.Request.HttpMethod} {context.Request.ContentType}");
            foreach (var span in Read(body)) Spans.Enqueue(span);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf"; // an empty ExportTraceServiceResponse
        }
        catch (InvalidDataException ex)
        {
            Refused.Enqueue(ex.Message);
            context.Response.StatusCode = 400;
        }
        context.Response.Close();
    }

    /// <summary>ExportTraceServiceRequest: 1 resource_spans { 1 resource { 1 attributes }, 2 scope_spans { 2 spans } }.</summary>
    internal static List<ExportedSpan> Read(ReadOnlySpan<byte> request)
    {
        var spans = new List<ExportedSpan>();
        var reader = new ProtoReader(request);
        while (reader.TryReadField(out var field, out var wireType))
        {
            if (field != 1 || wireType != 2) { reader.Skip(wireType); continue; }
            var resourceSpans = new ProtoReader(reader.ReadBytes());
            var exporter = "";
            var found = new List<Func<string, ExportedSpan>>();
            while (resourceSpans.TryReadField(out var inner, out var innerType))
            {
                if (inner == 1 && innerType == 2) exporter = Attributes(resourceSpans.ReadBytes(), 1).GetValueOrDefault("service.instance.id", "");
                else if (inner == 2 && innerType == 2) ReadScopeSpans(resourceSpans.ReadBytes(), found);
                else resourceSpans.Skip(innerType);
            }
            spans.AddRange(found.Select(make => make(exporter)));
        }
        return spans;
    }

    private static void ReadScopeSpans(ReadOnlySpan<byte> scopeSpans, List<Func<string, ExportedSpan>> found)
    {
        var reader = new ProtoReader(scopeSpans);
        while (reader.TryReadField(out var field, out var wireType))
        {
            if (field == 2 && wireType == 2) found.Add(ReadSpan(reader.ReadBytes()));
            else reader.Skip(wireType);
        }
    }

    /// <summary>Span: 1 trace_id, 2 span_id, 4 parent_span_id, 5 name, 9 attributes.</summary>
    private static Func<string, ExportedSpan> ReadSpan(ReadOnlySpan<byte> span)
    {
        string traceId = "", spanId = "", parentId = "", name = "";
        var reader = new ProtoReader(span);
        while (reader.TryReadField(out var field, out var wireType))
        {
            if (wireType != 2) { reader.Skip(wireType); continue; }
            var bytes = reader.ReadBytes();
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(bytes); break;
                case 2: spanId = Convert.ToHexStringLower(bytes); break;
                case 4: parentId = Convert.ToHexStringLower(bytes); break;
                case 5: name = Encoding.UTF8.GetString(bytes); break;
            }
        }
        var attributes = Attributes(span, 9);
        return exporter => new ExportedSpan(traceId, spanId, parentId, name, attributes, exporter);
    }

    /// <summary>The string values of the repeated KeyValue field <paramref name="field"/> (KeyValue: 1 key, 2 value { 1 string_value }).</summary>
    private static Dictionary<string, string> Attributes(ReadOnlySpan<byte> message, int field)
    {
        var attributes = new Dictionary<string, string>();
        var reader = new ProtoReader(message);
        while (reader.TryReadField(out var number, out var wireType))
        {
            if (number != field || wireType != 2) { reader.Skip(wireType); continue; }
            var keyValue = new ProtoReader(reader.ReadBytes());
            string? key = null, value = null;
            while (keyValue.TryReadField(out var part, out var partType))
            {
                if (part == 1 && partType == 2) key = Encoding.UTF8.GetString(keyValue.ReadBytes());
                else if (part == 2 && partType == 2) value = StringValue(keyValue.ReadBytes());
                else keyValue.Skip(partType);
            }
            if (key is not null && value is not null) attributes[key] = value;
        }
        return attributes;
    }

    private static string? StringValue(ReadOnlySpan<byte> anyValue)
    {
        var reader = new ProtoReader(anyValue);
        string? value = null;
        while (reader.TryReadField(out var field, out var wireType))
        {
            if (field == 1 && wireType == 2) value = Encoding.UTF8.GetString(reader.ReadBytes());
            else reader.Skip(wireType);
        }
        return value;
    }

    public void Dispose() => _listener.Close();
}
