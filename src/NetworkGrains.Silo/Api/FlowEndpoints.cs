using NetworkGrains.Abstractions.Security;
using NetworkGrains.Abstractions;
using System.Net;
using Microsoft.AspNetCore.Http.HttpResults;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Abstractions.Problems;
using NetworkGrains.Grains.Devices.Flows;
using NetworkGrains.Silo.Security;

namespace NetworkGrains.Silo.Api;

/// <summary>/api/v1/flows and /api/v1/devices/{id}/flows: what the collector received, per exporter.</summary>
public static class FlowEndpoints
{
    private const int MaxTalkers = Limits.TalkersKept;

    /// <summary>A dimension as the API spells it (src, dst, port, proto, as).</summary>
    public static readonly IReadOnlyDictionary<string, FlowDimension> Dimensions = new Dictionary<string, FlowDimension>
    {
        ["src"] = FlowDimension.Source, ["dst"] = FlowDimension.Destination, ["port"] = FlowDimension.Port,
        ["proto"] = FlowDimension.Protocol, ["as"] = FlowDimension.As,
    };

    public static void MapFlowEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/flows/summary", GetSummary).Problems(404).RequirePermission(Permissions.FlowRead);
        app.MapGet("/api/v1/devices/{id}/flows/top", GetTopTalkers).Problems(404).RequirePermission(Permissions.FlowRead);
    }

    /// <summary>
    /// Flows, packets and bytes received from an exporter (an address or a device id) in the minutes overlapping
    /// [from, to] (default: the last 24 hours, which is what is kept), as exported and scaled by sampling.
    /// </summary>
    private static async Task<Ok<FlowSummary>> GetSummary(IGrainFactory grains, TimeProvider time, string? exporter, string? from, string? to)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(exporter)) errors.Add("exporter", "required: an exporter address or a device id");
        var now = time.GetUtcNow();
        var start = QueryValues.Time(from, "from", errors) ?? now - FlowHistory.Retention;
        var end = QueryValues.Time(to, "to", errors) ?? now;
        if (start > end) errors.Add("from", "must not be after to");
        errors.ThrowIfAny();

        var directory = grains.GetGrain<IDeviceCatalogGrain>(DeviceCatalog.Key);
        var deviceId = IPAddress.TryParse(exporter, out var address)
            ? await directory.FindByAddress(address.ToString())
            : await DeviceEndpoints.Exists(grains, exporter!) ? exporter : null;
        if (deviceId is null) throw new NotFoundProblem($"No device has the id or management address '{exporter}'.");

        var totals = await grains.GetGrain<IDeviceGrain>(deviceId).GetFlowSummary(start, end);
        return TypedResults.Ok(new FlowSummary(exporter!, deviceId, start, end, totals.Flows, totals.Packets, totals.Bytes, totals.SampledPackets, totals.SampledBytes));
    }

    /// <summary>
    /// The heaviest keys of one dimension over the last minutes (up to the hour that is kept), by bytes or packets,
    /// sampling-scaled. `maxUndercount` bounds how far any count may be short (0: exact).
    /// </summary>
    private static async Task<Ok<TopTalkersView>> GetTopTalkers(
        IGrainFactory grains, TimeProvider time, string id, string? by, string? dimension, string? last, string? limit)
    {
        var errors = new ValidationErrors();
        by ??= "bytes";
        if (by is not ("bytes" or "packets")) errors.Add("by", "must be bytes or packets");
        dimension ??= "src";
        if (!Dimensions.TryGetValue(dimension, out var flowDimension)) errors.Add("dimension", $"must be one of {string.Join(", ", Dimensions.Keys)}");
        var span = QueryValues.Duration(last, "last", DeviceTalkers.Retention, errors) ?? TimeSpan.FromMinutes(15);
        var count = QueryValues.Int(limit, "limit", errors) ?? 10;
        if (count is < 1 or > MaxTalkers) errors.Add("limit", $"between 1 and {MaxTalkers}");
        errors.ThrowIfAny();
        await DeviceEndpoints.EnsureExists(grains, id);

        var to = time.GetUtcNow();
        var from = to - span;
        var top = await grains.GetGrain<IDeviceGrain>(id).GetTopTalkers(flowDimension, from, to);
        return TypedResults.Ok(new TopTalkersView(id, dimension, by, from, to, Rank(top.Talkers, by == "bytes", count),
            new Undercount(top.MaxUndercountBytes, top.MaxUndercountPackets)));
    }

    /// <summary>The heaviest <paramref name="count"/> talkers by bytes (else packets), the other measure and the key breaking ties.</summary>
    public static Talker[] Rank(IEnumerable<Talker> talkers, bool byBytes, int count)
    {
        var ranked = byBytes
            ? talkers.OrderByDescending(t => t.Bytes).ThenByDescending(t => t.Packets)
            : talkers.OrderByDescending(t => t.Packets).ThenByDescending(t => t.Bytes);
        return [.. ranked.ThenBy(t => t.Key, StringComparer.Ordinal).Take(count)];
    }
}

/// <summary>An exporter's flow counts over [From, To], as exported and scaled by sampling.</summary>
public sealed record FlowSummary(string Exporter, string DeviceId, DateTimeOffset From, DateTimeOffset To,
    long Flows, long Packets, long Bytes, long SampledPackets, long SampledBytes);

/// <summary>The heaviest keys of one dimension, and how far any count may be short (0: exact).</summary>
public sealed record TopTalkersView(string DeviceId, string Dimension, string By, DateTimeOffset From, DateTimeOffset To, Talker[] Talkers, Undercount MaxUndercount);

public sealed record Undercount(long Bytes, long Packets);
