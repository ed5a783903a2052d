using System.Net;
using NetworkGrains.Abstractions.Devices;
using NetworkGrains.Grains.Devices.Flows;

namespace NetworkGrains.Silo.Api;

/// <summary>/api/v1/flows: what the collector received, per exporter.</summary>
public static class FlowEndpoints
{
    public static void MapFlowEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api/v1/flows").MapGet("/summary", GetSummary);

    /// <summary>
    /// Flows, packets and bytes received from an exporter (an address or a device id) in the minutes overlapping
    /// [from, to] (default: the last 24 hours, which is what is kept), as exported and scaled by sampling.
    /// </summary>
    private static async Task<IResult> GetSummary(IGrainFactory grains, TimeProvider time, string? exporter, string? from, string? to)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(exporter)) errors.Add("exporter", "required: an exporter address or a device id");
        var now = time.GetUtcNow();
        var start = QueryValues.Time(from, "from", errors) ?? now - FlowHistory.Retention;
        var end = QueryValues.Time(to, "to", errors) ?? now;
        if (start > end) errors.Add("from", "must not be after to");
        if (errors.Any) return errors.ToResult();

        var directory = grains.GetGrain<IDeviceDirectoryGrain>(DeviceDirectory.Key);
        var deviceId = IPAddress.TryParse(exporter, out var address)
            ? await directory.FindByAddress(address.ToString())
            : await DeviceEndpoints.Exists(grains, exporter!) ? exporter : null;
        if (deviceId is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown exporter",
                detail: $"No device has the id or management address '{exporter}'.");

        var totals = await grains.GetGrain<IDeviceGrain>(deviceId).GetFlowSummary(start, end);
        return Results.Ok(new
        {
            exporter, deviceId, from = start, to = end,
            totals.Flows, totals.Packets, totals.Bytes, totals.SampledPackets, totals.SampledBytes,
        });
    }
}
